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

    /**
     * Server settings for a laptop, not a database server (docs/performance.md): connections for the services'
     * pools (5 services x 5), the benchmark's one-transaction clients (16 by default) and a few tools, rather than
     * 200; a modest buffer pool (the operating system's cache holds the rest); and no processes the stack never
     * uses (asynchronous I/O workers, the logical replication launcher). Status counts each PostgreSQL process's
     * resident memory, so every idle process shows.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "max_connections", "64",
            "shared_buffers", "64MB",
            "io_method", "sync",
            "max_logical_replication_workers", "0");

    PostgresUnit(Path dataDir, int port, String superuserPassword, Path logFile, Map<String, String> settings) {
        this.options = new EmbeddedPostgresServer.Options(dataDir, port, true, superuserPassword, logFile, settings);
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Connections each further instance of every service needs (cluster mode): five pools of five, and five listening
     * sessions for the signals between instances (decision 71), with some room.
     */
    static final int CONNECTIONS_PER_EXTRA_INSTANCE = 40;

    /**
     * {@link #SETTINGS}, with room for the connections of {@code replicas} instances of every service, then
     * {@code TICKETING_POSTGRES_SETTINGS} ({@code name=value,name=value}, e.g.
     * {@code shared_buffers=256MB,max_connections=100}) over them.
     */
    static Map<String, String> settings(Map<String, String> env, int replicas) {
        var settings = new java.util.LinkedHashMap<>(SETTINGS);
        settings.put(
                "max_connections",
                Integer.toString(Integer.parseInt(SETTINGS.get("max_connections"))
                        + (replicas - 1) * CONNECTIONS_PER_EXTRA_INSTANCE));
        String more = env.getOrDefault("TICKETING_POSTGRES_SETTINGS", "").trim();
        for (String pair : more.isEmpty() ? new String[0] : more.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "TICKETING_POSTGRES_SETTINGS: expected name=value, got '" + pair.trim() + "'");
            }
            settings.put(
                    pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return settings;
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
            return lines.isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean isAlive() {
        OptionalLong pid = pid();
        return server != null
                && pid.isPresent()
                && ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
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
