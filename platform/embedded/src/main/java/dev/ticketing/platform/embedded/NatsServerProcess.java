package dev.ticketing.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 */
public final class NatsServerProcess implements AutoCloseable {

    private static final Pattern LISTENING =
            Pattern.compile("Listening for client connections on [^:]+:(\\d+)");
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final Path storeDir;
    private final Path logFile;
    private final String host;
    private final boolean syncAlways;
    private int port;
    private Process process;

    private NatsServerProcess(Path binary, Path storeDir, String host, int port) {
        this.binary = binary;
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
        Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
                "nats-server not found on PATH. " + installHint()));
        var server = new NatsServerProcess(binary, storeDir, host, port);
        server.launch();
        return server;
    }

    /** The exact command that installs nats-server on this kind of machine. */
    public static String installHint() {
        return "Install it with: sudo apt-get install -y nats-server   (Debian/Ubuntu), "
                + "or set TICKETING_NATS_SERVER to the path of a nats-server binary.";
    }

    /** nats-server from {@code TICKETING_NATS_SERVER}, the PATH, or the usual install directories. */
    public static Optional<Path> findBinary() {
        String explicit = System.getenv("TICKETING_NATS_SERVER");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
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
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
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
            Files.writeString(config, configText());
            Files.deleteIfExists(logFile);
            process = new ProcessBuilder(binary.toString(), "-c", config.toString(), "-l", logFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            port = awaitListeningPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start nats-server " + binary, e);
        }
    }

    private String configText() {
        var text = new StringBuilder()
                .append("listen: \"").append(host).append(':').append(port == 0 ? -1 : port).append("\"\n")
                .append("jetstream {\n")
                .append("  store_dir: \"").append(storeDir.toAbsolutePath()).append("\"\n");
        if (syncAlways) {
            text.append("  sync_interval: always\n");
        }
        return text.append("}\n").toString();
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
