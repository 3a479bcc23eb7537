package dev.ticketing.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Spring AOT (docs/decisions/0041): the build generates each service's bean definitions ({@code process-aot}), so a
 * start skips parsing configuration classes, evaluating conditions and most reflection, about a quarter of a
 * service's start-up CPU. The generated code fixes every condition as the build decided it, for the launcher's
 * default configuration (tracing on, spans to its local trace store); any other configuration starts the regular
 * way, which decides the conditions at start-up. A new condition that reads the environment must be decided the
 * same way by the build (the root POM gives {@code process-aot} its environment) or join {@link #options}' test.
 */
final class SpringAot {

    static final String FLAG = "-Dspring.aot.enabled=true";
    private static final String GENERATED_INITIALIZER = "__ApplicationContextInitializer.class";

    private SpringAot() {}

    /** The option that turns the generated code on for this service's jar, or none. */
    static List<String> options(Config config, Path jar) {
        return enabled(config.env()) && TraceStore.local(config) && generated(jar) ? List.of(FLAG) : List.of();
    }

    /** {@code TICKETING_SPRING_AOT=off} starts every service the regular way (e.g. to measure the difference). */
    static boolean enabled(Map<String, String> env) {
        return Config.switchedOn(env, "TICKETING_SPRING_AOT");
    }

    /** Whether the build generated bean definitions into this executable jar (its initializer is there). */
    static boolean generated(Path jar) {
        try (var zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(entry -> entry.getName().endsWith(GENERATED_INITIALIZER));
        } catch (IOException e) {
            return false;
        }
    }
}
