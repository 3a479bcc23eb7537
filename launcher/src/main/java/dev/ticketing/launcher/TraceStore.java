package dev.ticketing.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local trace store (decision 61): Zipkin's executable jar (copied by the build to
 * {@code launcher/target/trace-store}), in memory, on 127.0.0.1, port 9411 moved by {@code TICKETING_PORT_OFFSET},
 * supervised as {@code traces} like the other processes. Services send it their spans
 * ({@code TICKETING_ZIPKIN_ENDPOINT}); its UI is at {@code /zipkin/}. Not run with {@code TICKETING_TRACING=off}, nor
 * when spans go elsewhere ({@code TICKETING_ZIPKIN_ENDPOINT} or {@code TICKETING_OTLP_ENDPOINT} set by hand).
 */
final class TraceStore {

    static final String NAME = "traces";
    static final int PORT = 9411;
    /**
     * Zipkin keeps at most this many spans and drops the oldest traces beyond: about 26 spans per purchase, so the
     * last 300 or so purchases. With its indexes a kept span takes about 5 KiB of heap (a class histogram: 75 MiB
     * live for 15,000): with 30,000, and still with 15,000, the old generation stayed full and under load the store
     * ran a full collection every two seconds or so. 8,000 leave the old generation half free.
     */
    static final int MAX_SPANS = 8_000;
    /**
     * Its heap: room for the spans kept, twice over, besides Armeria. About 180 MiB
     * resident once started (234 MiB with a 256 MiB heap and 100,000 spans).
     */
    static final String HEAP = "128m";

    static final String SPANS_PATH = "/api/v2/spans";

    private TraceStore() {}

    /** Whether services make spans at all ({@code TICKETING_TRACING}, on by default). */
    static boolean tracing(Config config) {
        return Config.switchedOn(config.env(), "TICKETING_TRACING");
    }

    /** Whether the launcher runs the store: tracing on and no other destination given. */
    static boolean local(Config config) {
        return tracing(config)
                && blank(config.env().get("TICKETING_ZIPKIN_ENDPOINT"))
                && blank(config.env().get("TICKETING_OTLP_ENDPOINT"));
    }

    static int port(Config config) {
        return config.internalPort(PORT);
    }

    static String url(Config config) {
        return "http://127.0.0.1:" + port(config);
    }

    /** Where the local store's spans go in, for the services' environment. */
    static String spansEndpoint(Config config) {
        return url(config) + SPANS_PATH;
    }

    /** The store's jar: {@code TICKETING_ZIPKIN_JAR}, else the one the build copied. */
    static Optional<Path> jar(Config config) {
        String explicit = config.env().get("TICKETING_ZIPKIN_JAR");
        Path jar = blank(explicit)
                ? config.root()
                        .resolve("launcher")
                        .resolve("target")
                        .resolve("trace-store")
                        .resolve("zipkin-server-exec.jar")
                : Path.of(explicit.trim());
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** The supervised process, or empty when the launcher does not run a store (or its jar is missing). */
    static Optional<ChildProcess> unit(Config config, Path java) {
        if (!local(config)) {
            return Optional.empty();
        }
        return jar(config).map(jar -> {
            int port = port(config);
            var command = new ArrayList<>(List.of(
                    java.toString(),
                    "-Xmx" + HEAP,
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:ReservedCodeCacheSize=32m",
                    "-Xss512k",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-jar",
                    jar.toString(),
                    "--armeria.ports[0].ip=127.0.0.1",
                    "--armeria.ports[0].port=" + port,
                    "--armeria.ports[0].protocols[0]=http",
                    "--zipkin.storage.type=mem",
                    "--zipkin.storage.mem.max-spans=" + MAX_SPANS));
            return new ChildProcess(
                    NAME,
                    port,
                    1,
                    command,
                    Map.of(),
                    config.root(),
                    config.logsDir().resolve(NAME + ".log"),
                    () -> HealthProbe.acceptsConnections(port),
                    jar.toString(),
                    Clock.systemUTC());
        });
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
