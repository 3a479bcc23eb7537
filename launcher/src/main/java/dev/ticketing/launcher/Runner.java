package dev.ticketing.launcher;

import dev.ticketing.platform.embedded.NatsServerProcess;
import dev.ticketing.platform.embedded.NatsUser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Runs everything until SIGTERM/SIGINT: PostgreSQL and NATS (unless external), then every built service, all
 * supervised; then stops the services, NATS and PostgreSQL, in that order. Foreground mode also copies every
 * log to the console; the state file tells other commands what runs.
 */
final class Runner {

    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration TICK = Duration.ofMillis(250);
    private static final Duration STATE_REFRESH = Duration.ofSeconds(2);

    private final Config config;
    private final Console console;
    private final boolean foreground;
    private final StateFile stateFile;
    private final Supervisor supervisor;
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private volatile String phase = "starting";
    private Instant readyAt;

    Runner(Config config, Console console, boolean foreground) {
        this.config = config;
        this.console = console;
        this.foreground = foreground;
        this.stateFile = new StateFile(config.stateFile());
        this.supervisor = new Supervisor(Backoff.DEFAULT, Clock.systemUTC(), console::launcher);
    }

    int run() throws IOException, InterruptedException {
        Files.createDirectories(config.logsDir());
        Optional<ProcessHandle> other = Commands.runningLauncher(config);
        if (other.isPresent()) {
            console.launcher("Ticketing is already running (launcher pid " + other.get().pid() + "); ./ticketing stop first");
            return 3;
        }
        Orphans.stop(stateFile.read(), postgresDir(), console::launcher);
        Files.writeString(config.pidFile(), Long.toString(ProcessHandle.current().pid()));
        handleSignals();
        writeState();
        try {
            startAll();
            superviseUntilShutdown();
        } catch (RuntimeException | SQLException e) {
            console.warn("start-up failed: " + e.getMessage());
            stopAll();
            return 2;
        }
        stopAll();
        return 0;
    }

    private void startAll() throws SQLException, IOException {
        console.launcher("data directory " + config.dataDir());
        Secrets secrets = Secrets.of(config.dataDir());
        startTraceStore(); // the slowest to start (about 8 s) and needed by no one to start: first, not awaited
        var postgres = config.database().isEmpty() ? new PostgresUnit(postgresDir(), config.postgresPort(),
                secrets.get(Secrets.POSTGRES_SUPERUSER), config.logsDir().resolve("postgres.log")) : null;
        var nats = config.natsUrl().isEmpty()
                ? new NatsUnit(config.dataDir().resolve("nats"), config.natsPort(), natsUsers(secrets)) : null;
        if (foreground) {
            LogTailer.follow("postgres", config.logsDir().resolve("postgres.log"), console, false);
        }
        // both take about a second; start them side by side
        var postgresStarted = CompletableFuture.runAsync(() -> startInfrastructure(postgres));
        var natsStarted = CompletableFuture.runAsync(() -> startInfrastructure(nats));
        CompletableFuture.allOf(postgresStarted, natsStarted).join();
        Database admin = config.database()
                .orElseGet(() -> Database.embedded(config.postgresPort(), secrets.get(Secrets.POSTGRES_SUPERUSER)));
        String natsUrl = config.natsUrl().orElseGet(() -> nats.server().url());
        if (nats != null) {
            linkNatsLog(nats);
            warnUnlessDurable(nats.server());
        }
        console.launcher("PostgreSQL " + admin.baseUrl() + (postgres == null ? " (external)" : " (embedded)")
                + ", NATS " + natsUrl + (nats == null ? " (external)" : " (embedded, a user per service)"));
        for (ServiceSpec service : ServiceRegistry.services(config)) {
            Database own = service.edge() ? admin : ownDatabase(admin, service.name(), secrets);
            Optional<ServiceRegistry.NatsLogin> login = nats == null ? Optional.empty()
                    : Optional.of(new ServiceRegistry.NatsLogin(service.name(), secrets.natsUser(service.name())));
            startService(service, own, natsUrl, login);
        }
    }

    private void startTraceStore() {
        Optional<ChildProcess> traces = TraceStore.unit(config, Path.of(System.getProperty("java.home"), "bin", "java"));
        if (traces.isPresent()) {
            supervisor.launch(traces.get());
            console.launcher("traces (Zipkin, in memory) starting on " + TraceStore.url(config) + "/zipkin/");
        } else if (TraceStore.local(config)) {
            console.warn("no trace store: " + TraceStore.jar(config).map(Path::toString).orElse(
                    "launcher/target/trace-store/zipkin-server-exec.jar is missing (build with ./mvnw install)"));
        }
    }

    /** One NATS user per service that uses messaging, and the operator's. */
    private static List<NatsUser> natsUsers(Secrets secrets) {
        var users = new ArrayList<NatsUser>();
        users.add(NatsAccess.admin(secrets.get(Secrets.NATS_ADMIN)));
        for (String service : NatsAccess.CONSUMES.keySet().stream().sorted().toList()) {
            NatsAccess.user(service, secrets.natsUser(service)).ifPresent(users::add);
        }
        return users;
    }

    /**
     * The service's own role and database. On an external server whose administrator may not create roles, the
     * services share the administrator's credentials (with a warning).
     */
    private Database ownDatabase(Database admin, String service, Secrets secrets) throws SQLException {
        try {
            return admin.provision(service, secrets.postgresRole(service));
        } catch (SQLException e) {
            if (config.database().isEmpty()) {
                throw e;
            }
            console.warn("cannot create a role of its own for " + service + " on " + admin.baseUrl() + " ("
                    + e.getMessage() + "); it connects as " + admin.user());
            admin.createIfMissing(service);
            return admin;
        }
    }

    private void startInfrastructure(Supervised unit) {
        if (unit == null) {
            return;
        }
        try {
            long begin = System.nanoTime();
            unit.start();
            console.launcher(unit.name() + " started on port " + unit.port() + " in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms");
            supervisor.adopt(unit);
        } catch (Exception e) {
            throw new IllegalStateException(unit.name() + ": " + e.getMessage(), e);
        }
    }

    private void startService(ServiceSpec service, Database database, String natsUrl,
                              Optional<ServiceRegistry.NatsLogin> natsLogin) {
        Optional<Path> jar = service.jar(config.root());
        if (jar.isEmpty()) {
            console.launcher("skipping " + service.name() + ": no jar in services/" + service.name() + "/target (not built yet)");
            return;
        }
        Path log = config.logsDir().resolve(service.name() + ".log");
        if (foreground) {
            LogTailer.follow(service.name(), log, console, false);
        }
        var process = new ChildProcess(service.name(), service.port(), 2, command(service, jar.get()),
                ServiceRegistry.environment(service, config, database, natsUrl, natsLogin), config.root(), log,
                () -> HealthProbe.ready(service.managementPort()), jar.get().toString());
        supervisor.launch(process);
    }

    private List<String> command(ServiceSpec service, Path jar) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // small heaps and C1 only: six JVMs share two cores and must fit in 2 GiB
        command.addAll(List.of("-Xmx" + service.heap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError"));
        // e.g. a flight recording while measuring: -XX:StartFlightRecording=filename=/tmp/%p.jfr
        String extra = config.env().getOrDefault("TICKETING_JVM_OPTIONS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    private void superviseUntilShutdown() throws InterruptedException {
        Instant lastWrite = Instant.MIN;
        String lastState = "";
        while (!shutdownRequested.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
            supervisor.tick();
            if (readyAt == null && supervisor.allReady()) {
                readyAt = Instant.now();
                phase = "running";
                long ms = Duration.between(startedAt, readyAt).toMillis();
                console.launcher("everything is ready in %.1f s: %s".formatted(ms / 1000.0, config.publicUrl()));
            }
            String state = supervisor.snapshot().toString();
            if (!state.equals(lastState) || Instant.now().isAfter(lastWrite.plus(STATE_REFRESH))) {
                writeState();
                lastState = state;
                lastWrite = Instant.now();
            }
        }
    }

    private void stopAll() {
        phase = "stopping";
        writeState();
        console.launcher("stopping: services, then NATS, then PostgreSQL");
        supervisor.stopAll(STOP_GRACE);
        phase = "stopped";
        writeState();
        try {
            Files.deleteIfExists(config.pidFile());
        } catch (IOException e) {
            console.launcher("could not delete " + config.pidFile() + ": " + e.getMessage());
        }
        console.launcher("stopped");
        stopped.countDown();
    }

    /**
     * SIGTERM/SIGINT/SIGHUP start the orderly stop instead of the JVM's immediate shutdown: PostgreSQL's own
     * shutdown hook would otherwise stop the database while the services still use it. The shutdown hook is the
     * fallback for any other way the JVM ends.
     */
    private void handleSignals() {
        for (String name : List.of("TERM", "INT", "HUP")) {
            Signal.handle(new Signal(name), signal -> shutdownRequested.countDown());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.getCount() > 0 && shutdownRequested.getCount() > 0) {
                shutdownRequested.countDown();
                stopAll();
            }
        }, "ticketing-shutdown"));
    }

    private void writeState() {
        try {
            List<ProcessState> processes = phase.equals("stopped") ? List.of() : supervisor.snapshot();
            stateFile.write(new StateFile.Snapshot(ProcessHandle.current().pid(), phase, config.publicUrl(),
                    startedAt, readyAt, processes));
        } catch (IOException e) {
            console.launcher("could not write " + config.stateFile() + ": " + e.getMessage());
        }
    }

    private void warnUnlessDurable(NatsServerProcess nats) {
        console.launcher("nats-server " + nats.version() + (nats.syncsEveryWrite() ? ", sync_interval: always" : "")
                + " (JetStream store " + nats.storeDir() + ")");
        if (!NatsServerProcess.isCurrent(nats.version())) {
            console.warn("nats-server " + nats.version() + " is older than " + NatsServerProcess.MINIMUM_VERSION
                    + ": a crash can make JetStream forget a stream. " + NatsServerProcess.installHint());
        }
        if (!nats.syncsEveryWrite()) {
            console.warn("nats-server " + nats.version() + " is older than 2.10 and cannot fsync every write "
                    + "(sync_interval: always): an operating-system crash can lose acknowledged messages. "
                    + "Fine for development; use nats-server 2.10 or newer anywhere else.");
        }
    }

    private void linkNatsLog(NatsUnit nats) {
        Path link = config.logsDir().resolve("nats.log");
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, nats.logFile());
        } catch (IOException | UnsupportedOperationException e) {
            console.launcher("nats-server logs to " + nats.logFile());
        }
        if (foreground) {
            // nats-server has just recreated its log: show it from the beginning
            LogTailer.follow("nats", nats.logFile(), console, true);
        }
    }

    private Path postgresDir() {
        return config.dataDir().resolve("postgres");
    }
}
