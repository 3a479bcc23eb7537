package dev.ticketing.launcher;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The embedded PostgreSQL as a supervised process: durable (fsync and synchronous_commit on), a password for
 * every connection, its log in {@code logs/postgres.log}.
 */
final class PostgresUnit implements Supervised {

    private final EmbeddedPostgresServer.Options options;
    private final Path dataDir;
    private final int port;
    private volatile EmbeddedPostgresServer server;

    PostgresUnit(Path dataDir, int port, String superuserPassword, Path logFile) {
        this.options = new EmbeddedPostgresServer.Options(dataDir, port, true, superuserPassword, logFile, Map.of());
        this.dataDir = dataDir;
        this.port = port;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int layer() {
        return 0;
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(dataDir.getParent());
        if (server == null) {
            server = EmbeddedPostgresServer.start(options);
        } else {
            server.restart();
        }
    }

    /** The postmaster's PID, from the first line of {@code postmaster.pid}. */
    @Override
    public OptionalLong pid() {
        return postmasterPid(dataDir);
    }

    static OptionalLong postmasterPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean isAlive() {
        OptionalLong pid = pid();
        return server != null && pid.isPresent() && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public String exitDescription() {
        return "stopped running";
    }

    @Override
    public boolean isReady() {
        return isAlive() && HealthProbe.acceptsConnections(port);
    }

    @Override
    public void stop(Duration grace) {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public String commandMarker() {
        return "postgres";
    }
}
