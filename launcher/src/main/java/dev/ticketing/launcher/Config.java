package dev.ticketing.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher reads from its environment (see README/docs: TICKETING_*).
 *
 * @param root     the repository root (services/<name>/target holds the jars)
 * @param dataDir  PostgreSQL data, NATS store, logs, state file
 * @param webPort  the public port of the web edge
 * @param database an external PostgreSQL, when TICKETING_DATABASE_URL is set
 * @param natsUrl  an external NATS, when TICKETING_NATS_URL is set
 * @param portOffset added to every internal port (services, PostgreSQL, NATS), from TICKETING_PORT_OFFSET, so a
 *                 second stack (the system tests, say) can run beside a developer's
 * @param natsNodes how many nats-server nodes run as one JetStream cluster (TICKETING_NATS_NODES: 1, 3 or 5;
 *                 ignored with an external NATS)
 * @param replicas how many instances of every service but the edge run, each on its own ports
 *                 (TICKETING_REPLICAS, 1 to 4)
 * @param env      the whole environment, passed through to the services
 */
record Config(
        Path root,
        Path dataDir,
        int webPort,
        Optional<Database> database,
        Optional<String> natsUrl,
        int portOffset,
        int natsNodes,
        int replicas,
        Map<String, String> env) {

    static final int POSTGRES_PORT = 15432;
    static final int NATS_PORT = 14222;
    /** Where the nodes of a NATS cluster reach each other: one port each, from here. */
    static final int NATS_CLUSTER_PORT = 16222;
    /** The nodes' monitoring endpoints ({@code /healthz}): one port each, from here. */
    static final int NATS_MONITOR_PORT = 18222;

    static final List<Integer> NATS_NODE_COUNTS = List.of(1, 3, 5);
    static final int MAX_REPLICAS = 4;

    static final int DEFAULT_WEB_PORT = 8080;

    /** The words that turn a {@code TICKETING_*} switch off; anything else, or nothing, leaves it on. */
    private static final List<String> OFF = List.of("off", "false", "0", "no", "disabled");

    /** Whether a switch that is on by default ({@code TICKETING_TRACING}, {@code TICKETING_AOT}, ...) is on. */
    static boolean switchedOn(Map<String, String> env, String name) {
        return !OFF.contains(env.getOrDefault(name, "on").trim().toLowerCase(Locale.ROOT));
    }

    static Config from(Map<String, String> env, Path workingDir) {
        Path root = Optional.ofNullable(blankToNull(env.get("TICKETING_HOME")))
                .map(Path::of)
                .orElse(workingDir)
                .toAbsolutePath()
                .normalize();
        Path dataDir = Optional.ofNullable(blankToNull(env.get("TICKETING_DATA_DIR")))
                .map(Path::of)
                .orElse(root.resolve(".ticketing"))
                .toAbsolutePath()
                .normalize();
        int webPort = parsePort(env.getOrDefault("TICKETING_PORT", ""), DEFAULT_WEB_PORT);
        Optional<Database> database = Optional.ofNullable(blankToNull(env.get("TICKETING_DATABASE_URL")))
                .map(url -> Database.of(
                        url,
                        env.getOrDefault("TICKETING_DATABASE_USER", "postgres"),
                        env.getOrDefault("TICKETING_DATABASE_PASSWORD", "")));
        Optional<String> natsUrl = Optional.ofNullable(blankToNull(env.get("TICKETING_NATS_URL")));
        int portOffset = parseOffset(env.getOrDefault("TICKETING_PORT_OFFSET", ""));
        int natsNodes = parseCount(env, "TICKETING_NATS_NODES", NATS_NODE_COUNTS);
        int replicas = parseCount(
                env,
                "TICKETING_REPLICAS",
                java.util.stream.IntStream.rangeClosed(1, MAX_REPLICAS).boxed().toList());
        return new Config(root, dataDir, webPort, database, natsUrl, portOffset, natsNodes, replicas, Map.copyOf(env));
    }

    /** Whether the launcher runs a NATS cluster of its own. */
    boolean natsCluster() {
        return natsUrl.isEmpty() && natsNodes > 1;
    }

    /** A count setting that may take only the {@code allowed} values; 1 when not set. */
    static int parseCount(Map<String, String> env, String name, List<Integer> allowed) {
        String value = env.getOrDefault(name, "").trim();
        if (value.isEmpty()) {
            return 1;
        }
        try {
            int count = Integer.parseInt(value);
            if (allowed.contains(count)) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below, with the values it may take
        }
        throw new IllegalArgumentException(name + " must be one of " + allowed + ": " + value);
    }

    /** An internal port moved by the offset. */
    int internalPort(int port) {
        return port + portOffset;
    }

    int postgresPort() {
        return internalPort(POSTGRES_PORT);
    }

    int natsPort() {
        return internalPort(NATS_PORT);
    }

    static int parseOffset(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value.trim());
            if (offset < 0 || offset > 40000) {
                throw new IllegalArgumentException("TICKETING_PORT_OFFSET must be between 0 and 40000: " + value);
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TICKETING_PORT_OFFSET is not a number: " + value, e);
        }
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path stateFile() {
        return dataDir.resolve("state.json");
    }

    Path pidFile() {
        return dataDir.resolve("launcher.pid");
    }

    String publicUrl() {
        return "http://localhost:" + webPort;
    }

    static int parsePort(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a TCP port: " + value, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
