package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.embedded.NatsServerProcess;
import dev.ticketing.platform.embedded.NatsUser;
import dev.ticketing.platform.test.MutableClock;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {

    private static final long LIMIT = 100;

    private final MutableClock clock = new MutableClock();

    @Test
    void aLogOverTheLimitIsCopiedAndEmptiedAndItsWriterGoesOnAtItsStart(@TempDir Path logs) throws IOException {
        Path log = logs.resolve("orders.log");
        try (var writer = new FileOutputStream(log.toFile(), true)) { // append mode, as the launcher's redirects
            writer.write("x".repeat(150).getBytes(StandardCharsets.UTF_8));
            writer.flush();

            assertThat(rotation(logs, 2).rotateOversized()).containsExactly(log);
            writer.write("after\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Files.readString(logs.resolve("orders.log.1"))).isEqualTo("x".repeat(150));
        assertThat(Files.readString(log))
                .as("no hole where the old content was")
                .isEqualTo("after\n");
    }

    @Test
    void olderCopiesMoveUpAndOnlyTheNewestAreKept(@TempDir Path logs) throws IOException {
        Path log = logs.resolve("web.log");
        var rotation = rotation(logs, 2);
        for (String generation : List.of("a", "b", "c")) {
            Files.writeString(log, generation.repeat(150));
            rotation.rotateOversized();
        }

        assertThat(Files.readString(logs.resolve("web.log.1"))).isEqualTo("c".repeat(150));
        assertThat(Files.readString(logs.resolve("web.log.2"))).isEqualTo("b".repeat(150));
        assertThat(logs.resolve("web.log.3")).doesNotExist();
        assertThat(Files.size(log)).isZero();
    }

    @Test
    void aLogWithinTheLimitAndOtherFilesAreLeftAlone(@TempDir Path logs) throws IOException {
        Files.writeString(logs.resolve("auth.log"), "y".repeat((int) LIMIT));
        Files.writeString(logs.resolve("auth.log.1"), "z".repeat(500));
        Files.writeString(logs.resolve("notes.txt"), "z".repeat(500));

        assertThat(rotation(logs, 2).rotateOversized()).isEmpty();
        assertThat(Files.size(logs.resolve("auth.log"))).isEqualTo(LIMIT);
        assertThat(logs.resolve("auth.log.2")).doesNotExist();
    }

    @Test
    void aLinkedLogIsEmptiedWhereItIsAndItsCopyKeepsThePermissions(@TempDir Path dir) throws IOException {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path target =
                Files.writeString(Files.createDirectories(dir.resolve("store")).resolve("server.log"), "n".repeat(150));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(logs.resolve("nats.log"), target);

        rotation(logs, 1).rotateOversized();

        assertThat(Files.isSymbolicLink(logs.resolve("nats.log"))).isTrue();
        assertThat(Files.size(target)).isZero();
        assertThat(Files.readString(logs.resolve("nats.log.1"))).isEqualTo("n".repeat(150));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs.resolve("nats.log.1"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theSupervisingLoopChecksOncePerInterval(@TempDir Path logs) throws IOException {
        Path log = logs.resolve("tickets.log");
        var rotation = rotation(logs, 2);
        rotation.tick(); // the first check: nothing to do yet

        Files.writeString(log, "t".repeat(150));
        clock.advance(LogRotation.CHECK_INTERVAL.minus(Duration.ofSeconds(1)));
        rotation.tick();
        assertThat(Files.size(log)).as("before the interval").isEqualTo(150);

        clock.advance(Duration.ofSeconds(1));
        rotation.tick();
        assertThat(Files.size(log)).isZero();
    }

    /** nats-server opens its log in append mode too: after the emptying, its next line starts the file. */
    @Test
    void aRunningNatsServerGoesOnWritingAtTheStartOfItsEmptiedLog(@TempDir Path dir) throws Exception {
        var user = new NatsUser("svc", "secret-" + System.nanoTime(), List.of(">"), List.of(">"));
        try (var nats = NatsServerProcess.start(dir.resolve("nats"), "127.0.0.1", 0, List.of(user))) {
            Path logs = Files.createDirectories(dir.resolve("logs"));
            Files.createSymbolicLink(
                    logs.resolve("nats.log"), dir.resolve("nats").resolve("nats-server.log"));
            long before = Files.size(logs.resolve("nats.log"));
            assertThat(before).isPositive();

            new LogRotation(logs, 1, 1, clock).rotateOversized();
            refusedConnection(nats.url()); // nats-server logs an authentication error

            Eventually.await(() -> read(logs.resolve("nats.log")).contains("authentication error"));
            assertThat(read(logs.resolve("nats.log")))
                    .as("no hole of %d bytes where the old content was", before)
                    .doesNotContain("\0")
                    .doesNotContain("Server is ready");
        }
    }

    @Test
    void theLimitComesFromTheEnvironmentInMebibytes(@TempDir Path logs) throws IOException {
        int mebibyte = 1024 * 1024;
        Files.write(logs.resolve("over.log"), new byte[mebibyte + 1]);
        Files.write(logs.resolve("at.log"), new byte[mebibyte]);

        assertThat(LogRotation.of(logs, Map.of()).rotateOversized())
                .as("32 MiB unless set")
                .isEmpty();
        assertThat(LogRotation.of(logs, Map.of("TICKETING_LOG_LIMIT_MB", " 1 ")).rotateOversized())
                .containsExactly(logs.resolve("over.log"));
        assertThatThrownBy(() -> LogRotation.of(logs, Map.of("TICKETING_LOG_LIMIT_MB", "lots")))
                .hasMessageContaining("TICKETING_LOG_LIMIT_MB");
        assertThatThrownBy(() -> LogRotation.of(logs, Map.of("TICKETING_LOG_LIMIT_MB", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private LogRotation rotation(Path logs, int copies) {
        return new LogRotation(logs, LIMIT, copies, clock);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void refusedConnection(String url) {
        var options = new Options.Builder()
                .server(url)
                .connectionTimeout(Duration.ofSeconds(2))
                .maxReconnects(0)
                .build();
        assertThatThrownBy(() -> Nats.connect(options).close()).isNotNull();
    }
}
