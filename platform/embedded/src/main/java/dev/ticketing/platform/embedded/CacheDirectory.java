package dev.ticketing.platform.embedded;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Ticketing keeps what it fetches or unpacks once per machine (PostgreSQL binaries, nats-server):
 * {@code TICKETING_CACHE_DIR}, else {@code $XDG_CACHE_HOME/ticketing}, else {@code ~/.cache/ticketing}. The same
 * rule as the {@code ./ticketing} script, so the launcher and the tests find what the script fetched.
 */
public final class CacheDirectory {

    private CacheDirectory() {}

    public static Path root() {
        return root(System.getenv(), System.getProperty("user.home"));
    }

    static Path root(Map<String, String> env, String home) {
        String explicit = env.get("TICKETING_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache");
        return base.resolve("ticketing").toAbsolutePath();
    }
}
