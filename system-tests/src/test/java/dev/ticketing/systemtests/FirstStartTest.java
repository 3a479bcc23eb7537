package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The very first start on a machine that has never seen the project: empty temporary and cache folders (nothing
 * unpacked yet), a fresh data folder, and the launcher JVM with the heap {@code ./ticketing} gives it. A stack of
 * its own, beside the shared one.
 */
class FirstStartTest {

    @Test
    void theFirstStartOnAFreshMachineGivesAWorkingStack() throws IOException {
        Path machine = Files.createTempDirectory("ticketing-fresh-machine");
        Path tmp = Files.createDirectories(machine.resolve("tmp"));
        Path cache = Files.createDirectories(machine.resolve("cache"));
        var env = Map.of(
                "XDG_CACHE_HOME", cache.toString(),
                "TMPDIR", tmp.toString(),
                // the one thing ./ticketing fetches before the launcher runs
                "TICKETING_NATS_SERVER", natsServer().toString());
        Stack stack = Stack.create(Stack.PORT_OFFSET + 3000, env, List.of("-Djava.io.tmpdir=" + tmp));
        try {
            stack.start();

            var market = new Marketplace(stack.url());
            var seller = market.person();
            var listing = seller.http().post("/api/tickets", Map.of("title", "First concert", "price", 10));
            assertThat(listing.status()).as(listing.body()).isEqualTo(201);
            assertThat(new Http(stack.url())
                            .get("/api/tickets")
                            .json()
                            .valueStream()
                            .map(t -> t.get("title").asString()))
                    .contains("First concert");
            try (Stream<Path> unpacked = Files.list(cache.resolve("ticketing"))) {
                assertThat(unpacked.map(p -> p.getFileName().toString()))
                        .as("PostgreSQL unpacked into the cache folder, completely, with no leftovers")
                        .singleElement()
                        .asString()
                        .startsWith("postgres-");
            }
        } finally {
            stack.discard();
            Stack.deleteRecursively(machine);
        }
    }

    /** The nats-server ./ticketing chose (it exports it), else the newest one it fetched into the user's cache. */
    private static Path natsServer() throws IOException {
        Optional<String> chosen =
                Optional.ofNullable(System.getenv("TICKETING_NATS_SERVER")).filter(s -> !s.isBlank());
        if (chosen.isPresent()) {
            return Path.of(chosen.get());
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg))
                .resolve("ticketing");
        try (Stream<Path> entries = Files.list(cache)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("nats-server-"))
                    .map(p -> p.resolve("nats-server"))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no nats-server: run ./ticketing nats-server"));
        }
    }
}
