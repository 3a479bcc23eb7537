package dev.ticketing.launcher;

import dev.ticketing.platform.embedded.Folders;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * {@code launcher aot}, the last step of {@code ./ticketing}'s build (docs/decisions/0040): brings every service's
 * AOT cache up to date with its jar. Jars whose cache fits are left alone; the others are extracted and trained
 * together in one run of the whole start-up path (Flyway, NATS, Tomcat, readiness) against a PostgreSQL and a
 * nats-server of their own, in a temporary folder on free ports, so that a running stack is not disturbed. Each JVM
 * writes its cache as it stops; a cache counts only once complete.
 */
final class AotTraining {

    /** Internal ports move by an offset from here up, so the highest (18085 + offset) stays below 32768. */
    private static final int FIRST_OFFSET = 10_100;

    private static final int LAST_OFFSET = 14_600;

    private final Config config;
    private final PrintStream out;

    AotTraining(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** 0 when every cache is up to date afterwards (or caches are off), 1 when a training failed. */
    int run() throws IOException, InterruptedException {
        if (!AotCache.enabled(config.env())) {
            out.println("AOT caches: off ("
                    + (AotCache.supported(Runtime.version())
                            ? "TICKETING_AOT=" + config.env().get("TICKETING_AOT")
                            : "JDK " + Runtime.version().feature() + " has none; JDK 25 or newer does")
                    + "); services start without");
            return 0;
        }
        Map<String, AotCache> stale = new LinkedHashMap<>();
        for (ServiceSpec service : ServiceRegistry.services(config)) {
            Optional<Path> jar = service.jar(config.root());
            if (jar.isEmpty()) {
                continue;
            }
            AotCache cache = AotCache.of(service.name(), jar.get());
            AotCache.State state = cache.verifiedState();
            if (state == AotCache.State.STALE) {
                cache.extract(java());
                state = cache.state();
            }
            if (state != AotCache.State.READY) {
                stale.put(service.name(), cache);
            }
        }
        if (stale.isEmpty()) {
            out.println("AOT caches: up to date");
            return 0;
        }
        return train(stale);
    }

    private int train(Map<String, AotCache> caches) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("ticketing-aot-training");
        out.println("AOT caches: training " + String.join(", ", caches.keySet())
                + " (their start-up against a temporary PostgreSQL and nats-server in " + dataDir + ")");
        long begin = System.nanoTime();
        Config training = Config.from(trainingEnvironment(dataDir), config.root());
        int result = new Runner(training, new Console(out, false), false, caches).run();
        var failed = new java.util.ArrayList<String>();
        for (AotCache cache : caches.values()) {
            if (cache.commitTraining()) {
                out.printf("AOT cache of %s: %s%n", cache.service(), Rss.format(Files.size(cache.cacheFile())));
            } else {
                failed.add(cache.service());
            }
        }
        out.printf("AOT caches: trained in %.0f s%n", (System.nanoTime() - begin) / 1e9);
        if (result != 0 || !failed.isEmpty()) {
            out.println("AOT caches: training " + (failed.isEmpty() ? "failed" : "wrote nothing for " + failed)
                    + "; those services start without one. Logs: " + training.logsDir());
            return 1;
        }
        Folders.deleteRecursively(dataDir);
        return 0;
    }

    /**
     * The training stack's settings: the developer's, except its own data folder and ports, and always the
     * embedded PostgreSQL and nats-server (the training runs the migrations, which must not touch a real database),
     * one nats-server and one instance of each service (two instances would write one training file at once).
     */
    private Map<String, String> trainingEnvironment(Path dataDir) throws IOException {
        var env = new HashMap<>(config.env());
        List.of(
                        "TICKETING_DATABASE_URL",
                        "TICKETING_DATABASE_USER",
                        "TICKETING_DATABASE_PASSWORD",
                        "TICKETING_NATS_URL",
                        "TICKETING_NATS_USER",
                        "TICKETING_NATS_PASSWORD",
                        "TICKETING_NATS_NODES",
                        "TICKETING_REPLICAS")
                .forEach(env::remove);
        env.put("TICKETING_DATA_DIR", dataDir.toString());
        env.put("TICKETING_PORT_OFFSET", Integer.toString(freeOffset()));
        env.put("TICKETING_PORT", Integer.toString(freePort()));
        return env;
    }

    /** An offset at which every internal port is free (other stacks on this machine use their own offsets). */
    private int freeOffset() throws IOException {
        var probe = Config.from(Map.of(), config.root());
        List<Integer> ports = IntStream.concat(
                        IntStream.of(Config.POSTGRES_PORT, Config.NATS_PORT, ServiceRegistry.WEB_MANAGEMENT_PORT),
                        ServiceRegistry.services(probe).stream()
                                .filter(s -> !s.edge())
                                .mapToInt(ServiceSpec::port))
                .boxed()
                .toList();
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(FIRST_OFFSET, LAST_OFFSET);
            if (ports.stream().allMatch(port -> free(port + offset))) {
                return offset;
            }
        }
        throw new IOException(
                "no free ports for the AOT training between offsets " + FIRST_OFFSET + " and " + LAST_OFFSET);
    }

    private static boolean free(int port) {
        try (var socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
