package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringAotTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratedCodeIsTurnedOnOnlyForTheConfigurationItWasGeneratedFor() throws IOException {
        Path generated =
                jarWith("BOOT-INF/classes/dev/ticketing/orders/OrdersApplication__ApplicationContextInitializer.class");

        assertThat(SpringAot.options(config(Map.of()), generated)).containsExactly(SpringAot.FLAG);
        assertThat(SpringAot.options(config(Map.of("TICKETING_TRACING", "off")), generated))
                .isEmpty();
        assertThat(SpringAot.options(
                        config(Map.of("TICKETING_OTLP_ENDPOINT", "http://collector:4318/v1/traces")), generated))
                .isEmpty();
        assertThat(SpringAot.options(
                        config(Map.of("TICKETING_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans")), generated))
                .isEmpty();
        assertThat(SpringAot.options(config(Map.of("TICKETING_SPRING_AOT", "off")), generated))
                .isEmpty();
    }

    @Test
    void aJarBuiltWithoutGeneratedCodeStartsTheRegularWay() throws IOException {
        Path plain = jarWith("BOOT-INF/classes/dev/ticketing/orders/OrdersApplication.class");

        assertThat(SpringAot.options(config(Map.of()), plain)).isEmpty();
        assertThat(SpringAot.options(config(Map.of()), dir.resolve("missing.jar")))
                .isEmpty();
    }

    private Config config(Map<String, String> env) {
        return Config.from(env, dir);
    }

    private Path jarWith(String entry) throws IOException {
        Path jar = Files.createTempFile(dir, "service", ".jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.closeEntry();
        }
        return jar;
    }
}
