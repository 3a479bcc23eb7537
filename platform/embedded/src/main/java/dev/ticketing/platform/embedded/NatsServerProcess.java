package dev.ticketing.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code nats-server} with JetStream and file storage, run as a child process.
 *
 * <p>The store directory and port survive {@link #restart()}, so tests and the launcher can stop or kill the
 * broker and bring back the same one. With nats-server 2.10 or later JetStream runs with
 * {@code sync_interval: always} (fsync before every acknowledgement); older servers do not know the setting,
 * which {@link #syncsEveryWrite()} reports so callers can warn.
 *
 * <p>It runs with one Go processor ({@code GOMAXPROCS=1}) unless the environment sets {@code GOMAXPROCS}
 * (docs/decisions/0076): on a machine it shares with the services, a second processor only adds idle threads that
 * spin and sleep at every hand-off between the server's goroutines.
 */
public final class NatsServerProcess implements AutoCloseable {

    /** The Go runtime's setting for how many threads run goroutines at once. */
    static final String GO_PROCESSORS = "GOMAXPROCS";

    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on [^:]+:(\\d+)");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final Path storeDir;
    private final Path logFile;
    private final String host;
    private final boolean syncAlways;
    private final List<NatsUser> users;
    private final Optional<NatsClusterNode> cluster;
    private int port;
    private Process process;

    private NatsServerProcess(
            Path binary,
            Path storeDir,
            String host,
            int port,
            List<NatsUser> users,
            Optional<NatsClusterNode> cluster) {
        this.binary = binary;
        this.users = List.copyOf(users);
        this.cluster = cluster;
        this.storeDir = storeDir;
        this.logFile = storeDir.resolve("nats-server.log");
        this.host = host;
        this.port = port;
        this.syncAlways = supportsSyncAlways(versionOf(binary));
    }

    /**
     * Starts a server storing its streams under {@code storeDir}.
     *
     * @param port the client port, or 0 to pick a free one (kept across restarts)
     */
    public static NatsServerProcess start(Path storeDir, String host, int port) {
        return start(storeDir, host, port, List.of());
    }

    /**
     * Starts a server that admits only these users, each with its own permissions (none: anyone may connect,
     * as the module tests' private servers do).
     */
    public static NatsServerProcess start(Path storeDir, String host, int port, List<NatsUser> users) {
        return start(storeDir, host, port, users, Optional.empty());
    }

    /**
     * Starts one node of a JetStream cluster (see {@link NatsClusterNode}); it is ready for clients once it
     * listens, and JetStream is usable once the cluster has elected its meta leader ({@code /healthz} on the
     * node's monitoring port answers 200).
     *
     * @param port the client port, fixed: the other nodes and the clients are told it
     */
    public static NatsServerProcess startNode(
            Path storeDir, String host, int port, List<NatsUser> users, NatsClusterNode node) {
        if (port == 0) {
            throw new IllegalArgumentException("A cluster node needs a fixed client port");
        }
        return start(storeDir, host, port, users, Optional.of(node));
    }

    private static NatsServerProcess start(
            Path storeDir, String host, int port, List<NatsUser> users, Optional<NatsClusterNode> cluster) {
        Path binary =
                findBinary().orElseThrow(() -> new IllegalStateException("nats-server not found. " + installHint()));
        var server = new NatsServerProcess(binary, storeDir, host, port, users, cluster);
        server.launch();
        return server;
    }

    /** What to do when no nats-server is found. */
    public static String installHint() {
        return "Run ./ticketing nats-server (it fetches a current one into " + CacheDirectory.root() + "), "
                + "or set TICKETING_NATS_SERVER to the path of a nats-server " + PREFERRED_VERSION + " or newer.";
    }

    /** Oldest version we accept without a loud warning: 2.10.20-2.10.22 could forget a stream after kill -9. */
    public static final String MINIMUM_VERSION = "2.10.23";
    /** Preferred floor (peer-removal and pending-write fixes). */
    public static final String PREFERRED_VERSION = "2.12.3";

    /**
     * nats-server from {@code TICKETING_NATS_SERVER}, else the newest one {@code ./ticketing} fetched into the
     * cache folder, else one on the PATH or in the usual install directories (possibly an old distribution
     * package: callers warn when {@link #isCurrent(String)} says so).
     */
    public static Optional<Path> findBinary() {
        String explicit = System.getenv("TICKETING_NATS_SERVER");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        Optional<Path> cached = cachedBinary(CacheDirectory.root());
        if (cached.isPresent()) {
            return cached;
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        var candidates = new java.util.ArrayList<Path>();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "nats-server"));
            }
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin")) {
            candidates.add(Path.of(dir, "nats-server"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The version the binary prints, e.g. {@code 2.9.10}. */
    public static String versionOf(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = VERSION.matcher(out);
            return m.find() ? m.group(1) + "." + m.group(2) + "." + m.group(3) : out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest {@code nats-server-<version>/nats-server} in the cache folder. */
    static Optional<Path> cachedBinary(Path cacheRoot) {
        if (!Files.isDirectory(cacheRoot)) {
            return Optional.empty();
        }
        try (var entries = Files.list(cacheRoot)) {
            return entries.filter(dir -> dir.getFileName().toString().startsWith("nats-server-"))
                    .map(dir -> dir.resolve("nats-server"))
                    .filter(Files::isExecutable)
                    .max(java.util.Comparator.comparing(bin ->
                            versionKey(bin.getParent().getFileName().toString().substring("nats-server-".length()))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when the version is at least {@link #MINIMUM_VERSION}. */
    public static boolean isCurrent(String version) {
        return versionKey(version).compareTo(versionKey(MINIMUM_VERSION)) >= 0;
    }

    /** A version as a sortable key: {@code 2.9.10} sorts before {@code 2.10.1}. */
    private static String versionKey(String version) {
        Matcher m = VERSION.matcher(version);
        return m.find()
                ? "%05d.%05d.%05d"
                        .formatted(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3)))
                : "";
    }

    static boolean supportsSyncAlways(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 2 || (major == 2 && minor >= 10);
    }

    public String url() {
        return "nats://" + host + ":" + port;
    }

    /** The cluster this server is a node of, if it is one. */
    public Optional<NatsClusterNode> cluster() {
        return cluster;
    }

    public int port() {
        return port;
    }

    public Path storeDir() {
        return storeDir;
    }

    public String version() {
        return versionOf(binary);
    }

    /** True when every acknowledged message is fsynced first ({@code sync_interval: always}). */
    public boolean syncsEveryWrite() {
        return syncAlways;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the server gracefully (SIGTERM) and waits for it. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            awaitExit();
        }
    }

    /** Halts the server abruptly (SIGKILL), as a crash would. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** Starts the server again on the same port with the same store. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void launch() {
        try {
            Files.createDirectories(storeDir);
            Path config = storeDir.resolve("nats-server.conf");
            // it may hold passwords: readable by the owner only
            Files.deleteIfExists(config);
            Files.createFile(
                    config,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(config, configText());
            Files.deleteIfExists(logFile);
            var builder = new ProcessBuilder(binary.toString(), "-c", config.toString(), "-l", logFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            withOneGoProcessor(builder.environment());
            process = builder.start();
            port = awaitListeningPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start nats-server " + binary, e);
        }
    }

    /** {@code GOMAXPROCS=1} unless the environment chose a number of Go processors itself. */
    static void withOneGoProcessor(Map<String, String> environment) {
        environment.merge(GO_PROCESSORS, "1", (chosen, one) -> chosen.isBlank() ? one : chosen);
    }

    private String configText() {
        var text = new StringBuilder()
                .append("listen: \"")
                .append(host)
                .append(':')
                .append(port == 0 ? -1 : port)
                .append("\"\n")
                .append("jetstream {\n")
                .append("  store_dir: \"")
                .append(storeDir.toAbsolutePath())
                .append("\"\n");
        if (syncAlways) {
            text.append("  sync_interval: always\n");
        }
        text.append("}\n");
        cluster.ifPresent(node -> text.append(node.configText(host)));
        if (!users.isEmpty()) {
            // no no_auth_user: a client without a user and password is refused
            text.append("authorization {\n  users: [\n");
            users.forEach(user -> text.append(user.configText()));
            text.append("  ]\n}\n");
        }
        return text.toString();
    }

    private int awaitListeningPort() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Integer found = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with " + process.exitValue() + ": " + tail());
            }
            if (Files.exists(logFile)) {
                String log = Files.readString(logFile);
                Matcher m = LISTENING.matcher(log);
                if (m.find()) {
                    found = Integer.valueOf(m.group(1));
                }
                if (found != null && log.contains("Server is ready")) {
                    return found;
                }
            }
            sleepBriefly();
        }
        process.destroyForcibly();
        throw new IllegalStateException("nats-server did not become ready within " + START_TIMEOUT + ": " + tail());
    }

    private String tail() {
        try {
            if (!Files.exists(logFile)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
