package dev.ticketing.systemtests;

import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The whole system, started once per test JVM exactly as {@code ./ticketing start} does: the launcher jar with
 * its embedded PostgreSQL, nats-server and every built service, in a temporary data directory, on a free public
 * port and with internal ports moved by an offset so a developer's running stack is left alone.
 */
final class Stack {

    /**
     * Internal ports are the defaults plus this (PostgreSQL 35432, NATS 34222, auth 38081, ...); another offset can
     * be chosen with TICKETING_TEST_PORT_OFFSET to run two system-test JVMs side by side.
     */
    static final int PORT_OFFSET = Integer.parseInt(
            System.getenv().getOrDefault("TICKETING_TEST_PORT_OFFSET", "20000"));
    /**
     * How long services trust the auth public keys before refreshing them (TICKETING_SECURITY_JWKSCACHETTL),
     * short so that an auth outage can outlast it within a test.
     */
    static final Duration JWKS_CACHE_TTL = Duration.ofSeconds(5);
    /** How long one JWKS fetch may take before it counts as failed (TICKETING_SECURITY_JWKSTIMEOUT). */
    static final Duration JWKS_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The least time between two JWKS fetches (TICKETING_SECURITY_JWKSMINREFETCHINTERVAL), below the lifetime so
     * that stale keys are refreshed (and a frozen auth makes that refresh fail) within a test.
     */
    static final Duration JWKS_MIN_REFETCH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static volatile Stack instance;

    private final Path root;
    private final Path dataDir;
    private final int publicPort;
    private final Map<String, String> env;
    private Process launcher;

    private Stack(Path root, Path dataDir, int publicPort, Map<String, String> env) {
        this.root = root;
        this.dataDir = dataDir;
        this.publicPort = publicPort;
        this.env = env;
    }

    /** The running stack, started on first use and stopped when the JVM exits. */
    static Stack get() {
        if (instance == null) {
            synchronized (Stack.class) {
                if (instance == null) {
                    Stack stack = create();
                    stack.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "stack-stop"));
                    instance = stack;
                }
            }
        }
        return instance;
    }

    private static Stack create() {
        try {
            Path root = Path.of("").toAbsolutePath().getParent();
            Path dataDir = Files.createTempDirectory("ticketing-system-test");
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var env = new HashMap<String, String>();
            env.put("TICKETING_HOME", root.toString());
            env.put("TICKETING_DATA_DIR", dataDir.toString());
            env.put("TICKETING_PORT", Integer.toString(port));
            env.put("TICKETING_PORT_OFFSET", Integer.toString(PORT_OFFSET));
            env.put("TICKETING_FAULTS_ENABLED", "true");
            // Short saga clocks, so that expiry and step timeouts happen within a test, yet longer than a service
            // takes to restart on a loaded 2-core machine: a crashed step must recover, not time out.
            env.put("TICKETING_RESERVATION_TTL", "30s");
            env.put("TICKETING_SAGA_RESERVETIMEOUT", "20s");
            env.put("TICKETING_SAGA_DELIVERYTIMEOUT", "20s");
            env.put("TICKETING_SAGA_LATEANSWERDELAY", "25s");
            env.put("TICKETING_SECURITY_JWKSCACHETTL", JWKS_CACHE_TTL.toSeconds() + "s");
            env.put("TICKETING_SECURITY_JWKSTIMEOUT", JWKS_TIMEOUT.toSeconds() + "s");
            env.put("TICKETING_SECURITY_JWKSMINREFETCHINTERVAL", JWKS_MIN_REFETCH_INTERVAL.toSeconds() + "s");
            return new Stack(root, dataDir, port, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://localhost:" + publicPort;
    }

    String natsUrl() {
        return "nats://127.0.0.1:" + (14222 + PORT_OFFSET);
    }

    String jdbcUrl(String service) {
        return "jdbc:postgresql://127.0.0.1:" + (15432 + PORT_OFFSET) + "/" + service;
    }

    private void start() {
        Path jar = launcherJar();
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            var builder = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString(), "run")
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("logs").resolve("launcher.out").toFile());
            builder.environment().putAll(env);
            launcher = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the launcher " + jar, e);
        }
        try {
            Eventually.await("every process ready", START_TIMEOUT, this::state,
                    state -> {
                        if (!launcher.isAlive()) {
                            throw new IllegalStateException("the launcher exited with " + launcher.exitValue());
                        }
                        return state.map(s -> "running".equals(s.get("phase").asString())).orElse(false);
                    });
        } catch (AssertionError | RuntimeException e) {
            String logs = launcherLog();
            stop();
            throw new IllegalStateException("The stack did not start:\n" + logs, e);
        }
    }

    private void stop() {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        launcher.destroy(); // SIGTERM: services, then NATS, then PostgreSQL
        try {
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path launcherJar() {
        Path target = root.resolve("launcher").resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("launcher-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No launcher jar in " + target
                            + ": build the project first (./mvnw install or ./ticketing test)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher's state file, if it has been written. */
    Optional<JsonNode> state() {
        Path file = dataDir.resolve("state.json");
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(Http.JSON.readTree(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // being replaced right now
        }
    }

    private Optional<JsonNode> process(String name) {
        return state().flatMap(s -> s.get("processes").valueStream()
                .filter(p -> name.equals(p.get("name").asString())).findFirst());
    }

    /** The PID of a supervised process, or -1 while it is down. */
    long pid(String name) {
        return process(name).map(p -> p.get("pid")).filter(pid -> pid != null && !pid.isNull())
                .map(JsonNode::asLong).orElse(-1L);
    }

    /** Kills a supervised process with SIGKILL, as a crash would. */
    void kill9(String name) {
        signal(running(name), "KILL");
    }

    /**
     * Freezes a supervised process (SIGSTOP), as a long GC pause or a hung host would: its connections stay open and
     * the kernel still accepts new ones, but nothing is answered until {@link #thaw}.
     */
    void freeze(String name) {
        signal(running(name), "STOP");
    }

    void thaw(String name) {
        signal(running(name), "CONT");
    }

    /** Whether the process is stopped right now (state {@code T} in {@code /proc/<pid>/stat}). */
    boolean frozen(String name) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(running(name)), "stat"));
            // "pid (comm) state ...": comm may hold spaces and parentheses, so read after the last ')'
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long running(String name) {
        long pid = pid(name);
        if (pid <= 0) {
            throw new IllegalStateException(name + " is not running");
        }
        return pid;
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the launcher reports the process ready again. */
    void awaitReady(String name, Duration timeout) {
        Eventually.await(name + " ready", timeout, () -> process(name),
                p -> p.map(node -> node.get("ready").asBoolean() && "running".equals(node.get("state").asString()))
                        .orElse(false));
    }

    /** Waits until every supervised process runs and is ready (after a crash test, say). */
    void awaitAllReady(Duration timeout) {
        Eventually.await("every process ready", timeout, this::state,
                state -> state.map(s -> s.get("processes").valueStream().allMatch(
                        p -> p.get("ready").asBoolean() && "running".equals(p.get("state").asString())))
                        .orElse(false));
    }

    /** Everything the launcher logged (its own lines: starts, exits, restarts). */
    String launcherLog() {
        var text = new StringBuilder();
        for (String file : List.of("launcher.out", "launcher.log")) {
            Path log = dataDir.resolve("logs").resolve(file);
            try {
                if (Files.exists(log)) {
                    text.append(Files.readString(log, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                text.append("(").append(file).append(" unreadable: ").append(e.getMessage()).append(")");
            }
        }
        return text.toString();
    }

    /** Rows of a service's outbox not yet published. */
    long unpublishedOutboxRows(String service) {
        try (var c = DriverManager.getConnection(jdbcUrl(service), "postgres", "");
             var rs = c.createStatement().executeQuery(
                     "select count(*) from messaging_outbox where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The envelopes stored on a stream for one subject and aggregate, oldest first. */
    List<JsonNode> events(String stream, String subject, String aggregateId) {
        try (var nc = Nats.connect(natsUrl())) {
            var jsm = nc.jetStreamManagement();
            var streamState = jsm.getStreamInfo(stream).getStreamState();
            var found = new ArrayList<JsonNode>();
            for (long seq = streamState.getFirstSequence(); seq <= streamState.getLastSequence(); seq++) {
                MessageInfo message;
                try {
                    message = jsm.getMessage(stream, seq);
                } catch (JetStreamApiException missing) {
                    continue; // deleted
                }
                if (subject.equals(message.getSubject())) {
                    JsonNode envelope = Http.JSON.readTree(new String(message.getData(), StandardCharsets.UTF_8));
                    if (aggregateId.equals(envelope.get("aggregateId").asString())) {
                        found.add(envelope);
                    }
                }
            }
            return found;
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
