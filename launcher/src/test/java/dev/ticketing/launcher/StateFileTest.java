package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @Test
    void writesWhatItReadsBack(@TempDir Path dir) throws IOException {
        Instant t = Instant.parse("2026-11-21T10:00:00.123456Z");
        var snapshot = new StateFile.Snapshot(
                4242,
                "running",
                "http://localhost:8080",
                t,
                t.plusSeconds(12),
                List.of(
                        new ProcessState("postgres", 15432, 100L, "running", true, 0, t, t, null, "postgres", null),
                        new ProcessState(
                                "tickets",
                                18082,
                                3_000_000_000L,
                                "running",
                                true,
                                2,
                                t,
                                t.plusSeconds(3),
                                "exited with 137",
                                "/repo/services/tickets/target/tickets.jar",
                                Duration.ofMillis(3250)),
                        new ProcessState(
                                "orders",
                                18083,
                                null,
                                "waiting",
                                false,
                                5,
                                t,
                                null,
                                "could not start (\"quoted\" \\ path\nnext line)",
                                "orders.jar",
                                null)));
        var file = new StateFile(dir.resolve("state.json"));

        file.write(snapshot);

        assertThat(file.read()).contains(snapshot);
        assertThat(file.read().orElseThrow().process("tickets").orElseThrow().pid())
                .isEqualTo(3_000_000_000L);
        assertThat(Files.list(dir)).containsExactly(dir.resolve("state.json"));
    }

    @Test
    void aMissingOrBrokenFileReadsAsNothing(@TempDir Path dir) throws IOException {
        assertThat(new StateFile(dir.resolve("none.json")).read()).isEmpty();
        Files.writeString(dir.resolve("broken.json"), "{\"launcherPid\": ");
        assertThat(new StateFile(dir.resolve("broken.json")).read()).isEmpty();
    }
}
