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
     * Internal ports are the defaults plus this (PostgreSQL 25432, NATS 24222, auth 28081, ...): below Linux's
     * ephemeral range (32768-60999), so no random port another process picked can be holding one of them. Another
     * offset can be chosen with TICKETING_TEST_PORT_OFFSET to run two system-test JVMs side by side.
     */
    static final int PORT_OFFSET =
            Integer.parseInt(System.getenv().getOrDefault("TICKETING_TEST_PORT_OFFSET", "10000"));
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

    /** The JVM options {@code ./ticketing} gives the launcher. */
    static final List<String> LAUNCHER_JVM_OPTIONS =
            List.of("-Xms8m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    private final Path root;
    private final Path dataDir;
    private final int publicPort;
    private final int portOffset;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private Process launcher;

    private Stack(
            Path root, Path dataDir, int publicPort, int portOffset, Map<String, String> env, List<String> jvmOptions) {
        this.root = root;
        this.dataDir = dataDir;
        this.publicPort = publicPort;
        this.portOffset = portOffset;
        this.env = env;
        this.jvmOptions = jvmOptions;
    }

    /** The running stack, started on first use and stopped when the JVM exits. */
    static Stack get() {
        if (instance == null) {
            synchronized (Stack.class) {
                if (instance == null) {
                    Stack stack = create();
                    stack.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(stack::discard, "stack-discard"));
                    instance = stack;
                }
            }
        }
        return instance;
    }

    private static Stack create() {
        var env = new HashMap<String, String>();
        env.put("TICKETING_FAULTS_ENABLED", "true");
        // Short saga clocks, so that expiry and step timeouts happen within a test, yet longer than a service
        // takes to restart on a loaded 2-core machine: a crashed step must recover, not time out.
        // A service restarting on a busy 2-core machine can take 15 s: the deadlines leave room for that
        // (25 s > ack wait 5 s + restart allowance 15 s + sweep 1 s), and the reservation window outlasts them.
        env.put("TICKETING_RESERVATION_TTL", "35s");
        env.put("TICKETING_SAGA_RESERVETIMEOUT", "25s");
        env.put("TICKETING_SAGA_DELIVERYTIMEOUT", "25s");
        env.put("TICKETING_SAGA_LATEANSWERDELAY", "30s");
        env.put("TICKETING_SAGA_RESTARTALLOWANCE", "15s");
        env.put("TICKETING_MESSAGING_ACKWAIT", "5s");
        env.put("TICKETING_SAGA_EXPIRYGRACE", "5s");
        env.put("TICKETING_SECURITY_JWKSCACHETTL", JWKS_CACHE_TTL.toSeconds() + "s");
        env.put("TICKETING_SECURITY_JWKSTIMEOUT", JWKS_TIMEOUT.toSeconds() + "s");
        env.put("TICKETING_SECURITY_JWKSMINREFETCHINTERVAL", JWKS_MIN_REFETCH_INTERVAL.toSeconds() + "s");
        if (CLUSTER) {
            env.put("TICKETING_NATS_NODES", Integer.toString(CLUSTER_NATS_NODES));
            env.put("TICKETING_REPLICAS", Integer.toString(CLUSTER_REPLICAS));
        }
        return create(PORT_OFFSET, env, List.of());
    }

    /**
     * Whether this test JVM runs the stack in cluster mode (three nats-server nodes, two instances of every
     * service): the system-tests module runs the saga tests a second time so (its {@code cluster-mode} execution).
     */
    static final boolean CLUSTER = Boolean.getBoolean("ticketing.test.cluster");

    static final int CLUSTER_NATS_NODES = 3;
    static final int CLUSTER_REPLICAS = 2;

    /** Whether this stack runs in cluster mode. */
    boolean cluster() {
        return natsNodes() > 1;
    }

    private int natsNodes() {
        return Integer.parseInt(env.getOrDefault("TICKETING_NATS_NODES", "1"));
    }

    /**
     * A stack of its own, beside the shared one: internal ports moved by {@code portOffset}, a fresh data folder,
     * the default settings plus {@code env}, and the launcher JVM started with {@code extraJvmOptions} too. The
     * caller starts and stops it.
     */
    static Stack create(int portOffset, Map<String, String> env, List<String> extraJvmOptions) {
        try {
            Path root = Path.of("").toAbsolutePath().getParent();
            Path dataDir = Files.createTempDirectory("ticketing-system-test");
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var all = new HashMap<String, String>();
            all.put("TICKETING_HOME", root.toString());
            all.put("TICKETING_DATA_DIR", dataDir.toString());
            all.put("TICKETING_PORT", Integer.toString(port));
            all.put("TICKETING_PORT_OFFSET", Integer.toString(portOffset));
            all.putAll(env);
            var jvm = new ArrayList<>(LAUNCHER_JVM_OPTIONS);
            jvm.addAll(extraJvmOptions);
            return new Stack(root, dataDir, port, portOffset, all, List.copyOf(jvm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    String url() {
        return "http://localhost:" + publicPort;
    }

    /** Every nats-server node (one, or those of the cluster). */
    String natsUrl() {
        return String.join(
                ",",
                java.util.stream.IntStream.range(0, natsNodes())
                        .mapToObj(i -> "nats://127.0.0.1:" + (14222 + portOffset + i))
                        .toList());
    }

    /** The node ({@code nats-2}, say) that leads a stream's replicas now. */
    String streamLeader(String stream) {
        try (var nc = nats()) {
            return nc.jetStreamManagement()
                    .getStreamInfo(stream)
                    .getClusterInfo()
                    .getLeader();
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many replicas a stream is configured with. */
    int streamReplicas(String stream) {
        try (var nc = nats()) {
            return nc.jetStreamManagement()
                    .getStreamInfo(stream)
                    .getConfiguration()
                    .getReplicas();
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The names of the processes the launcher supervises ({@code postgres}, {@code nats-1}, {@code orders-2}...). */
    List<String> processNames() {
        return state().map(s -> s.get("processes")
                        .valueStream()
                        .map(p -> p.get("name").asString())
                        .toList())
                .orElse(List.of());
    }

    String jdbcUrl(String service) {
        return "jdbc:postgresql://127.0.0.1:" + (15432 + portOffset) + "/" + service;
    }

    /** A connection to a service's database as the superuser, with the password the launcher generated. */
    java.sql.Connection database(String service) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(service), "postgres", credential("postgres.superuser"));
    }

    /** A NATS connection as the operator's user (anonymous clients are refused). */
    io.nats.client.Connection nats() throws IOException, InterruptedException {
        return Nats.connect(new io.nats.client.Options.Builder()
                .server(natsUrl())
                .userInfo("admin", credential("nats.admin"))
                .build());
    }

    /** A credential from the data folder's secrets file, which the launcher wrote at its first start. */
    String credential(String key) {
        var properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(dataDir.resolve("secrets").resolve("credentials"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Objects.requireNonNull(properties.getProperty(key), key);
    }

    void start() {
        Path jar = launcherJar();
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            var command = new ArrayList<String>();
            command.add(java);
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(), "run"));
            var builder = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            dataDir.resolve("logs").resolve("launcher.out").toFile());
            builder.environment().putAll(env);
            launcher = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the launcher " + jar, e);
        }
        try {
            Eventually.await("every process ready", START_TIMEOUT, this::state, state -> {
                if (!launcher.isAlive()) {
                    throw new IllegalStateException("the launcher exited with " + launcher.exitValue());
                }
                return state.map(s -> "running".equals(s.get("phase").asString()))
                        .orElse(false);
            });
        } catch (AssertionError | RuntimeException e) {
            String logs = launcherLog();
            stop();
            throw new IllegalStateException("The stack did not start:\n" + logs, e);
        }
    }

    void stop() {
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

    /**
     * Stops the stack and deletes its data (PostgreSQL alone is over 100 MB, and every test JVM makes a stack),
     * keeping its logs for whoever reads a failed run.
     */
    void discard() {
        stop();
        try (Stream<Path> entries = Files.list(dataDir)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals("logs"))
                    .toList()) {
                deleteRecursively(entry);
            }
        } catch (IOException | UncheckedIOException e) {
            // what cannot be deleted stays in the temporary folder
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Path launcherJar() {
        Path target = root.resolve("launcher").resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("launcher-.*\\.jar"))
                    .findFirst()
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
        return state().flatMap(s -> s.get("processes")
                .valueStream()
                .filter(p -> name.equals(p.get("name").asString()))
                .findFirst());
    }

    /** The PID of a supervised process, or -1 while it is down. */
    long pid(String name) {
        return process(name)
                .map(p -> p.get("pid"))
                .filter(pid -> pid != null && !pid.isNull())
                .map(JsonNode::asLong)
                .orElse(-1L);
    }

    /** Kills a supervised process with SIGKILL, as a crash would. */
    void kill9(String name) {
        long pid = pid(name);
        if (pid <= 0) {
            throw new IllegalStateException(name + " is not running");
        }
        signal(pid, "KILL");
    }

    /**
     * Freezes a supervised process and its children (SIGSTOP; PostgreSQL's backends are children of the
     * postmaster): it stays alive, so nothing restarts it, but it answers nothing, as behind a network partition.
     */
    void freeze(String name) {
        for (long pid : tree(name)) {
            signal(pid, "STOP");
        }
    }

    /** Lets a frozen process and its children run again (SIGCONT). */
    void thaw(String name) {
        for (long pid : tree(name)) {
            signal(pid, "CONT");
        }
    }

    /** Whether the process is stopped right now (state {@code T} in {@code /proc/<pid>/stat}). */
    boolean frozen(String name) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid(name)), "stat"));
            // "pid (comm) state ...": comm may hold spaces and parentheses, so read after the last ')'
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Long> tree(String name) {
        long pid = pid(name);
        if (pid <= 0) {
            throw new IllegalStateException(name + " is not running");
        }
        var pids = new ArrayList<Long>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start();
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

    /** Waits until a killed process runs again (a new PID) and is ready. */
    void awaitRestarted(String name, long killedPid, Duration timeout) {
        Eventually.await(name + " restarted", timeout, () -> pid(name), now -> now > 0 && now != killedPid);
        awaitReady(name, timeout);
    }

    /** Waits until the launcher reports the process ready again. */
    void awaitReady(String name, Duration timeout) {
        Eventually.await(
                name + " ready",
                timeout,
                () -> process(name),
                p -> p.map(node -> node.get("ready").asBoolean()
                                && "running".equals(node.get("state").asString()))
                        .orElse(false));
    }

    /** Waits until every supervised process runs and is ready (after a crash test, say). */
    void awaitAllReady(Duration timeout) {
        Eventually.await(
                "every process ready",
                timeout,
                this::state,
                state -> state.map(s -> s.get("processes")
                                .valueStream()
                                .allMatch(p -> p.get("ready").asBoolean()
                                        && "running".equals(p.get("state").asString())))
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
                text.append("(")
                        .append(file)
                        .append(" unreadable: ")
                        .append(e.getMessage())
                        .append(")");
            }
        }
        return text.toString();
    }

    /** Rows of a service's outbox not yet published. */
    long unpublishedOutboxRows(String service) {
        try (var c = database(service);
                var rs = c.createStatement()
                        .executeQuery("select count(*) from messaging_outbox where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The envelopes stored on a stream for one subject and aggregate, oldest first. */
    List<JsonNode> events(String stream, String subject, String aggregateId) {
        try (var nc = nats()) {
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
                // keyed subjects: "TICKET.created" matches "TICKET.created.<id>"
                if (message.getSubject().equals(subject) || message.getSubject().startsWith(subject + ".")) {
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
