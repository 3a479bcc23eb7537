package dev.ticketing.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code await} (the second half of {@code start}), {@code status} and {@code stop}. */
final class Commands {

    /** Restarts before {@code start} gives up waiting and shows the failing process's log. */
    private static final int CRASH_LOOP = 3;

    private final Config config;
    private final PrintStream out;
    private final StateFile stateFile;

    Commands(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.stateFile = new StateFile(config.stateFile());
    }

    /** The launcher process recorded in launcher.pid, if it is still running. */
    static Optional<ProcessHandle> runningLauncher(Config config) {
        try {
            if (!Files.exists(config.pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(config.pidFile()).trim());
            return Orphans.live(pid, "launcher");
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits until every process of the launcher {@code launcherPid} is ready (exit 0), the launcher dies (1) or
     * {@code timeout} passes (1).
     */
    int await(long launcherPid, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> launcher = ProcessHandle.of(launcherPid).filter(ProcessHandle::isAlive);
            Optional<StateFile.Snapshot> state = stateFile.read();
            if (launcher.isPresent()
                    && state.isPresent()
                    && state.get().launcherPid() == launcherPid
                    && state.get().readyAt() != null) {
                StateFile.Snapshot s = state.get();
                out.printf(
                        "Ticketing is up: %s  (started in %.1f s)%n%n",
                        s.url(), Duration.between(s.startedAt(), s.readyAt()).toMillis() / 1000.0);
                printTable(s, launcher.get());
                return 0;
            }
            Optional<ProcessState> crashing = state.filter(st -> st.launcherPid() == launcherPid)
                    .flatMap(st -> st.processes().stream()
                            .filter(p -> !p.ready() && p.restarts() >= CRASH_LOOP)
                            .findFirst());
            if (crashing.isPresent()) {
                ProcessState p = crashing.get();
                out.println(p.name() + " keeps failing (" + p.restarts() + " restarts, last: " + p.lastExit()
                        + "); the launcher goes on retrying. Last lines of " + logOf(p.name()) + ":");
                tail(logOf(p.name()), 25).forEach(line -> out.println("  " + line));
                out.println("See ./ticketing status, ./ticketing logs " + p.name() + ", or ./ticketing stop.");
                return 1;
            }
            if (launcher.isEmpty()) {
                out.println("The launcher stopped before everything was ready. Last lines of "
                        + config.logsDir().resolve("launcher.log") + ":");
                tail(config.logsDir().resolve("launcher.log"), 25).forEach(line -> out.println("  " + line));
                return 1;
            }
            Thread.sleep(250);
        }
        out.println("Not everything was ready after " + timeout.toSeconds() + " s; see ./ticketing status and "
                + config.logsDir());
        return 1;
    }

    int status() {
        Optional<ProcessHandle> launcher = runningLauncher(config);
        Optional<StateFile.Snapshot> state = stateFile.read();
        if (launcher.isEmpty() || state.isEmpty()) {
            out.println("Ticketing is not running.");
            return 3;
        }
        StateFile.Snapshot s = state.get();
        out.printf(
                "Ticketing is %s: %s%s%n%n",
                s.phase(),
                s.url(),
                s.readyAt() == null
                        ? ""
                        : "  (started in %.1f s)"
                                .formatted(Duration.between(s.startedAt(), s.readyAt())
                                                .toMillis()
                                        / 1000.0));
        printTable(s, launcher.get());
        return 0;
    }

    /** Sends SIGTERM to the launcher, which stops everything in order, and waits for it. */
    int stop(Duration timeout) {
        Optional<ProcessHandle> launcher = runningLauncher(config);
        if (launcher.isEmpty()) {
            out.println("Ticketing is not running.");
            Orphans.stop(stateFile.read(), config.dataDir().resolve("postgres"), out::println);
            return 0;
        }
        long begin = System.nanoTime();
        out.println("Stopping Ticketing (launcher pid " + launcher.get().pid() + ")...");
        launcher.get().destroy();
        try {
            launcher.get().onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            out.println("The launcher did not stop within " + timeout.toSeconds() + " s; killing everything.");
            launcher.get().destroyForcibly();
            Orphans.stop(stateFile.read(), config.dataDir().resolve("postgres"), out::println);
        }
        out.printf("Stopped in %.1f s.%n", (System.nanoTime() - begin) / 1e9);
        return 0;
    }

    private void printTable(StateFile.Snapshot s, ProcessHandle launcher) {
        String format = "%-13s %6s  %-9s %8s %9s %9s %8s  %s%n";
        out.printf(format, "NAME", "PORT", "HEALTH", "PID", "RSS", "UPTIME", "RESTARTS", "LAST RESTART");
        long total = Rss.of(launcher.pid()).orElse(0);
        out.printf(
                format,
                "launcher",
                "-",
                "up",
                launcher.pid(),
                rss(Rss.of(launcher.pid())),
                uptime(launcher.info().startInstant().orElse(null)),
                "-",
                "-");
        for (ProcessState p : inRegistryOrder(s.processes())) {
            OptionalLong rss = p.pid() == null
                    ? OptionalLong.empty()
                    : p.name().equals("postgres") ? Rss.ofTree(p.pid()) : Rss.of(p.pid());
            total += rss.orElse(0);
            out.printf(
                    format,
                    p.name(),
                    p.port(),
                    health(p),
                    p.pid() == null ? "-" : p.pid(),
                    rss(rss),
                    p.pid() == null ? "-" : uptime(p.startedAt()),
                    p.restarts(),
                    lastRestart(p));
        }
        // PostgreSQL's figure adds up its processes' proportional set sizes: their RSS added up counted the shared
        // buffers once per connection (Rss.ofTree)
        out.printf(
                "%nTotal RSS %s (PostgreSQL's processes with the memory they share counted once)%n", Rss.format(total));
        natsDescription(natsDir(s)).ifPresent(out::println);
    }

    /** The store of the only nats-server, or of the first node of a cluster. */
    private Path natsDir(StateFile.Snapshot s) {
        String first = s.processes().stream()
                .map(ProcessState::name)
                .filter(name -> baseName(name).equals(NatsUnit.SINGLE))
                .findFirst()
                .orElse(NatsUnit.SINGLE);
        return NatsUnit.storeDir(config.dataDir(), first);
    }

    /**
     * The embedded nats-server's version (from its log) and whether it fsyncs every write (from its configuration),
     * e.g. {@code nats-server 2.15.1, JetStream sync_interval: always}; empty for an external NATS.
     */
    static Optional<String> natsDescription(Path natsDir) {
        try {
            Path log = natsDir.resolve("nats-server.log");
            Path conf = natsDir.resolve("nats-server.conf");
            if (!Files.exists(log) || !Files.exists(conf)) {
                return Optional.empty();
            }
            String version;
            try (var lines = Files.lines(log)) {
                version = lines.filter(line -> line.contains("[INF]") && line.contains("Version:"))
                        .map(line -> line.substring(line.indexOf("Version:") + "Version:".length())
                                .strip())
                        .findFirst()
                        .orElse("(version unknown)");
            }
            boolean always = Files.readString(conf).contains("sync_interval: always");
            return Optional.of("nats-server " + version + ", JetStream sync_interval: "
                    + (always ? "always (fsync before every acknowledgement)" : "default (every 2 minutes)"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * PostgreSQL, NATS, then the services as the registry lists them, each one's instances in order, whatever
     * order they were started in. By process name alone: {@code status} may run without the settings (how many
     * nodes and instances) of the {@code start} it looks at.
     */
    private List<ProcessState> inRegistryOrder(List<ProcessState> processes) {
        List<String> order = new ArrayList<>(List.of("postgres", "nats"));
        ServiceRegistry.services(config).forEach(service -> order.add(service.name()));
        return processes.stream()
                .sorted(java.util.Comparator.<ProcessState>comparingInt(p -> {
                            int rank = order.indexOf(baseName(p.name()));
                            return rank < 0 ? order.size() : rank;
                        })
                        .thenComparingInt(p -> instanceNumber(p.name())))
                .toList();
    }

    /** {@code orders} of {@code orders-2}, {@code nats} of {@code nats-1}; a name without a number as it is. */
    static String baseName(String process) {
        return process.replaceFirst("-\\d+$", "");
    }

    private static int instanceNumber(String process) {
        String number = process.substring(baseName(process).length());
        return number.isEmpty() ? 0 : Integer.parseInt(number.substring(1));
    }

    private String health(ProcessState p) {
        if (p.pid() == null || !p.state().equals("running")) {
            return p.state();
        }
        boolean server = List.of("postgres", "nats", TraceStore.NAME).contains(baseName(p.name()));
        boolean up = server
                ? HealthProbe.acceptsConnections(p.port())
                : HealthProbe.ready(ServiceRegistry.probePort(config, p.name(), p.port()));
        return up ? (server ? "up" : "ready") : "starting";
    }

    /** How long the last restart took, from the stop (kill, crash) to ready again, e.g. {@code 3.2 s}. */
    static String lastRestart(ProcessState p) {
        if (p.lastRestart() == null) {
            return "-";
        }
        return "%.1f s".formatted(p.lastRestart().toMillis() / 1000.0);
    }

    private static String rss(OptionalLong bytes) {
        return bytes.isPresent() ? Rss.format(bytes.getAsLong()) : "-";
    }

    static String uptime(Instant since) {
        if (since == null) {
            return "-";
        }
        long seconds = Math.max(0, Duration.between(since, Instant.now()).toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return "%dm%02ds".formatted(seconds / 60, seconds % 60);
        }
        return "%dh%02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
    }

    private Path logOf(String process) {
        return config.logsDir().resolve(process + ".log");
    }

    private static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of("(" + file + " unreadable: " + e.getMessage() + ")");
        }
    }
}
