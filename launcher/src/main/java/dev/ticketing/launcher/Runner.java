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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Runs everything until SIGTERM/SIGINT: PostgreSQL and NATS (unless external), then every built service, all
 * supervised; then stops the services, NATS and PostgreSQL, in that order. Foreground mode also copies every
 * log to the console; the state file tells other commands what runs.
 */
final class Runner {

    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** How soon the supervisor notices an exit and a starting service's readiness: part of every restart's time. */
    private static final Duration TICK = Duration.ofMillis(100);

    private static final Duration STATE_REFRESH = Duration.ofSeconds(2);
    /** A JVM writes its AOT cache as it exits: several at once on two cores take a while. */
    private static final Duration TRAINING_STOP_GRACE = Duration.ofMinutes(3);

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

    private final Config config;
    private final Console console;
    private final boolean foreground;
    private final StateFile stateFile;
    private final Supervisor supervisor;
    private final LogRotation logRotation;
    /** Services whose AOT cache this run trains (only those start); empty for a normal run. */
    private final Map<String, AotCache> training;

    private final CountDownLatch shutdownRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Instant startedAt;
    private volatile String phase = "starting";
    private Instant readyAt;
    private boolean trainingFailed;

    Runner(Config config, Console console, boolean foreground) {
        this(config, console, foreground, Map.of());
    }

    /** A run that trains the AOT caches of {@code training} (by service name) and stops once they are all ready. */
    Runner(Config config, Console console, boolean foreground, Map<String, AotCache> training) {
        this.config = config;
        this.console = console;
        this.foreground = foreground;
        this.training = Map.copyOf(training);
        this.startedAt = startedAt(
                config.env(),
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        this.stateFile = new StateFile(config.stateFile());
        this.supervisor = new Supervisor(Backoff.DEFAULT, Clock.systemUTC(), console::launcher);
        this.logRotation = LogRotation.of(config.logsDir(), config.env());
    }

    int run() throws IOException, InterruptedException {
        Files.createDirectories(config.logsDir());
        Optional<ProcessHandle> other = Commands.runningLauncher(config);
        if (other.isPresent()) {
            console.launcher(
                    "Ticketing is already running (launcher pid " + other.get().pid() + "); ./ticketing stop first");
            return 3;
        }
        Orphans.stop(stateFile.read(), postgresDir(), console::launcher);
        Files.writeString(
                config.pidFile(), Long.toString(ProcessHandle.current().pid()));
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
        return trainingFailed ? 1 : 0;
    }

    /**
     * Where "started in" counts from: when {@code ./ticketing start} or {@code up} was asked, once built
     * ({@code TICKETING_START_REQUESTED_AT}, epoch milliseconds), so the launcher's own JVM start counts too;
     * else (the launcher run directly, or a value that cannot be that) when this JVM started.
     */
    static Instant startedAt(Map<String, String> env, Instant jvmStart) {
        try {
            Instant requested = Instant.ofEpochMilli(Long.parseLong(
                    env.getOrDefault("TICKETING_START_REQUESTED_AT", "").trim()));
            boolean plausible =
                    !requested.isAfter(jvmStart) && requested.isAfter(jvmStart.minus(Duration.ofMinutes(1)));
            return plausible ? requested : jvmStart;
        } catch (NumberFormatException e) {
            return jvmStart;
        }
    }

    private void startAll() throws SQLException, IOException {
        console.launcher("data directory " + config.dataDir());
        Secrets secrets = Secrets.of(config.dataDir());
        var postgres = config.database().isEmpty()
                ? new PostgresUnit(
                        postgresDir(),
                        config.postgresPort(),
                        secrets.get(Secrets.POSTGRES_SUPERUSER),
                        config.logsDir().resolve("postgres.log"),
                        PostgresUnit.settings(config.env(), config.replicas()))
                : null;
        List<NatsUnit> nats = config.natsUrl().isEmpty()
                ? NatsUnit.of(config, natsUsers(secrets), secrets.get(Secrets.NATS_ROUTE))
                : List.of();
        if (foreground) {
            LogTailer.follow("postgres", config.logsDir().resolve("postgres.log"), console, false);
        }
        // PostgreSQL takes a second or more (initdb on a fresh folder), nats-server tens of milliseconds
        // (threads of their own: the common pool has a single thread on two cores, which ran them one after the other)
        var postgresStarted = CompletableFuture.runAsync(() -> startInfrastructure(postgres), Runner::startThread);
        // the nodes of a cluster side by side: each one is ready for clients before its peers are up
        CompletableFuture.allOf(nats.stream()
                        .map(node -> CompletableFuture.runAsync(() -> startInfrastructure(node), Runner::startThread))
                        .toArray(CompletableFuture[]::new))
                .join();
        Database admin = config.database()
                .orElseGet(() -> Database.embedded(config.postgresPort(), secrets.get(Secrets.POSTGRES_SUPERUSER)));
        // a client is given every node, and reconnects to another when its node goes
        String natsUrl = config.natsUrl()
                .orElseGet(() -> String.join(
                        ",", nats.stream().map(node -> node.server().url()).toList()));
        nats.forEach(this::linkNatsLog);
        if (!nats.isEmpty()) {
            warnUnlessDurable(nats.getFirst().server());
        }
        List<ServiceSpec> services = ServiceRegistry.services(config).stream()
                .filter(service -> training.isEmpty() || training.containsKey(service.name()))
                .toList();
        // Every service starts now, beside PostgreSQL: a JVM needs seconds of CPU before it first asks for its
        // database, and the two cores have room while initdb and PostgreSQL wait on the disk. On the embedded
        // server each service's credentials are known before its role exists; its pool waits for the database
        // (ServiceRegistry: initialization-fail-timeout). On an external server provisioning decides them.
        boolean embedded = postgres != null;
        boolean ownNats = !nats.isEmpty();
        for (ServiceSpec service : services) {
            if (!service.needsDatabase()) {
                startService(service, admin, natsUrl, natsLogin(ownNats, service, secrets));
            } else if (embedded) {
                startService(
                        service,
                        admin.as(service.name(), secrets.postgresRole(service.name())),
                        natsUrl,
                        natsLogin(ownNats, service, secrets));
            }
        }
        postgresStarted.join();
        console.launcher("PostgreSQL " + admin.baseUrl() + (postgres == null ? " (external)" : " (embedded)")
                + ", NATS " + natsUrl + (ownNats ? " (embedded, a user per service)" : " (external)"));
        // each role and database in its own session, side by side: one after the other they took 1.5-2 s
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var provisioned = new ArrayList<Future<?>>();
            for (String database : ServiceRegistry.databases(config)) {
                List<ServiceSpec> instances = services.stream()
                        .filter(service -> service.name().equals(database))
                        .toList();
                if (instances.isEmpty()) {
                    continue;
                }
                provisioned.add(executor.submit(() -> {
                    Database own = ownDatabase(admin, database, secrets);
                    if (!embedded) {
                        instances.forEach(
                                service -> startService(service, own, natsUrl, natsLogin(ownNats, service, secrets)));
                    }
                    return null;
                }));
            }
            for (Future<?> done : provisioned) {
                done.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the services", e);
        }
    }

    private static void startThread(Runnable task) {
        Thread.ofVirtual().name("ticketing-start").start(task);
    }

    private static Optional<ServiceRegistry.NatsLogin> natsLogin(
            boolean ownNats, ServiceSpec service, Secrets secrets) {
        return !ownNats
                ? Optional.empty()
                : Optional.of(new ServiceRegistry.NatsLogin(service.name(), secrets.natsUser(service.name())));
    }

    private void startTraceStore() {
        Optional<ChildProcess> traces =
                TraceStore.unit(config, Path.of(System.getProperty("java.home"), "bin", "java"));
        if (traces.isPresent()) {
            supervisor.launch(traces.get());
            console.launcher("traces (Zipkin, in memory) starting on " + TraceStore.url(config) + "/zipkin/");
        } else if (TraceStore.local(config)) {
            console.warn(
                    "no trace store: "
                            + TraceStore.jar(config)
                                    .map(Path::toString)
                                    .orElse(
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

    private void startService(
            ServiceSpec service, Database database, String natsUrl, Optional<ServiceRegistry.NatsLogin> natsLogin) {
        Optional<Path> jar = service.jar(config.root());
        if (jar.isEmpty()) {
            console.launcher("skipping " + service.name() + ": no jar in services/" + service.name()
                    + "/target (not built yet)");
            return;
        }
        Path log = config.logsDir().resolve(service.process() + ".log");
        if (foreground) {
            LogTailer.follow(service.process(), log, console, false);
        }
        JvmOptions.Launch launch = launch(service, jar.get());
        List<String> command = JvmOptions.command(
                java(),
                service,
                launch,
                SpringAot.options(config, jar.get()),
                config.env().getOrDefault("TICKETING_JVM_OPTIONS", ""));
        var process = new ChildProcess(
                service.process(),
                service.port(),
                2,
                command,
                ServiceRegistry.environment(service, config, database, natsUrl, natsLogin),
                config.root(),
                log,
                () -> HealthProbe.ready(service.managementPort()),
                launch.jar().toString(),
                Clock.systemUTC());
        supervisor.launch(process);
    }

    /** The extracted jar with its AOT cache when one fits the jar as built; in a training run, a training launch. */
    private JvmOptions.Launch launch(ServiceSpec service, Path jar) {
        AotCache trainee = training.get(service.name());
        if (trainee != null) {
            return new JvmOptions.Launch.Training(trainee.applicationJar(), trainee.trainingFile());
        }
        if (!AotCache.enabled(config.env())) {
            return new JvmOptions.Launch.Plain(jar);
        }
        AotCache cache = AotCache.of(service.name(), jar);
        if (cache.state() == AotCache.State.READY) {
            return new JvmOptions.Launch.WithCache(cache.applicationJar(), cache.cacheFile());
        }
        console.launcher(service.name() + " starts without an AOT cache: none fits its jar yet ("
                + "./ticketing start trains one after a build)");
        return new JvmOptions.Launch.Plain(jar);
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private void superviseUntilShutdown() throws InterruptedException {
        Instant lastWrite = Instant.MIN;
        String lastState = "";
        while (!shutdownRequested.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
            supervisor.tick();
            logRotation.tick();
            if (readyAt == null && supervisor.allReady()) {
                readyAt = Instant.now();
                phase = "running";
                long ms = Duration.between(startedAt, readyAt).toMillis();
                if (!training.isEmpty()) {
                    // what start-up loads is recorded; stopping now makes every JVM write its cache
                    console.launcher("training: %s ready in %.1f s; stopping them to write their caches"
                            .formatted(
                                    String.join(
                                            ", ",
                                            training.keySet().stream().sorted().toList()),
                                    ms / 1000.0));
                    break;
                }
                console.launcher("everything is ready in %.1f s: %s".formatted(ms / 1000.0, config.publicUrl()));
                // the slowest JVM to start (seconds of CPU) and needed by no service to start: on two cores it
                // would slow every service's start-up, so it comes once they are all ready
                startTraceStore();
            }
            if (!training.isEmpty() && Instant.now().isAfter(startedAt.plus(TRAINING_TIMEOUT))) {
                console.warn("training: not everything was ready after " + TRAINING_TIMEOUT.toSeconds() + " s");
                trainingFailed = true;
                break;
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
        supervisor.stopAll(training.isEmpty() ? STOP_GRACE : TRAINING_STOP_GRACE);
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
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (stopped.getCount() > 0 && shutdownRequested.getCount() > 0) {
                                shutdownRequested.countDown();
                                stopAll();
                            }
                        },
                        "ticketing-shutdown"));
    }

    private void writeState() {
        try {
            List<ProcessState> processes = phase.equals("stopped") ? List.of() : supervisor.snapshot();
            stateFile.write(new StateFile.Snapshot(
                    ProcessHandle.current().pid(), phase, config.publicUrl(), startedAt, readyAt, processes));
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
        Path link = config.logsDir().resolve(nats.name() + ".log");
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, nats.logFile());
        } catch (IOException | UnsupportedOperationException e) {
            console.launcher("nats-server logs to " + nats.logFile());
        }
        if (foreground) {
            // nats-server has just recreated its log: show it from the beginning
            LogTailer.follow(nats.name(), nats.logFile(), console, true);
        }
    }

    private Path postgresDir() {
        return config.dataDir().resolve("postgres");
    }
}
