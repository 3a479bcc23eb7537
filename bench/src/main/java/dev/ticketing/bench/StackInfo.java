package dev.ticketing.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import tools.jackson.databind.JsonNode;

/**
 * The running stack as the launcher describes it in {@code <data dir>/state.json} (every process with its port and
 * pid) and {@code <data dir>/secrets/credentials} (the PostgreSQL superuser's and NATS admin's passwords). The
 * bench reaches everything on 127.0.0.1 only.
 *
 * @param natsPorts the client port of the nats-server, or of every node of a cluster (cluster mode)
 * @param pids the pid of each supervised process by name (postgres, nats, auth, ..., web; in cluster mode nats-1,
 *             orders-2, ...) and of the launcher
 */
record StackInfo(
        Path dataDir,
        int webPort,
        int postgresPort,
        java.util.List<Integer> natsPorts,
        Map<String, Long> pids,
        String postgresPassword,
        String natsPassword) {

    static final String LAUNCHER = "launcher";
    static final String POSTGRES = "postgres";
    static final String NATS = "nats";
    /**
     * The names of the services' databases, as a query: every database one can connect to but {@code postgres}, the
     * templates and the baseline's scratch database, so a service added later is found without a change here.
     */
    static final String SERVICE_DATABASES = "select datname from pg_database where not datistemplate and datallowconn"
            + " and datname not in ('postgres', '" + Baseline.DATABASE + "')";

    private static final Duration STATE_RECHECK = Duration.ofMillis(500);

    String webUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    String natsUrl() {
        return String.join(
                ",", natsPorts.stream().map(port -> "nats://127.0.0.1:" + port).toList());
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    /** A new connection to {@code database} as PostgreSQL's superuser; the caller closes it. */
    Connection connectAsSuperuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", postgresPassword);
    }

    /** A process of the stack is not ready yet: a moment after {@code ./ticketing start} the trace store may still be starting. */
    static final class NotReady extends IllegalStateException {
        NotReady(String message) {
            super(message);
        }
    }

    /**
     * {@link #read} once every process is ready, waiting up to {@code patience} for those still starting (the
     * launcher rewrites state.json as they become ready). Any other problem ends the wait at once.
     */
    static StackInfo awaitReady(Path dataDir, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try {
                return read(dataDir);
            } catch (NotReady notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(STATE_RECHECK.toMillis());
            }
        }
    }

    static StackInfo read(Path dataDir) {
        Path stateFile = dataDir.resolve("state.json");
        JsonNode state;
        try {
            state = Json.MAPPER.readTree(Files.readString(stateFile));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "No running stack: cannot read " + stateFile + " (start one with ./ticketing start)", e);
        }
        if (!"running".equals(state.path("phase").asString(""))) {
            throw new IllegalStateException(
                    "The stack in " + dataDir + " is " + state.path("phase").asString("?") + ", not running");
        }
        var pids = new LinkedHashMap<String, Long>();
        pids.put(LAUNCHER, state.path("launcherPid").asLong());
        var ports = new LinkedHashMap<String, Integer>();
        for (JsonNode process : state.path("processes")) {
            String name = process.path("name").asString();
            if (!process.path("ready").asBoolean() || process.path("pid").isNull()) {
                throw new NotReady(name + " is not ready (see ./ticketing status)");
            }
            pids.put(name, process.path("pid").asLong());
            ports.put(name, process.path("port").asInt());
        }
        // one nats-server, or the nodes of a cluster (nats-1, nats-2, ...)
        java.util.List<Integer> natsPorts = ports.entrySet().stream()
                .filter(p -> p.getKey().equals(NATS) || p.getKey().matches(NATS + "-\\d+"))
                .map(Map.Entry::getValue)
                .toList();
        for (String required : new String[] {POSTGRES, NATS, "web"}) {
            boolean present = required.equals(NATS) ? !natsPorts.isEmpty() : ports.containsKey(required);
            if (!present) {
                throw new IllegalStateException("The stack runs no embedded " + required
                        + "; the bench needs the stack ./ticketing start runs (no external PostgreSQL or NATS)");
            }
        }
        Properties secrets = secrets(dataDir);
        return new StackInfo(
                dataDir,
                ports.get("web"),
                ports.get(POSTGRES),
                natsPorts,
                Map.copyOf(pids),
                required(secrets, "postgres.superuser"),
                required(secrets, "nats.admin"));
    }

    private static Properties secrets(Path dataDir) {
        Path file = dataDir.resolve("secrets").resolve("credentials");
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the stack's credentials " + file, e);
        }
        return properties;
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("No " + key + " in the stack's credentials");
        }
        return value;
    }
}
