package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    private static final Path JAVA = Path.of("/jdk/bin/java");
    private final ServiceSpec orders = ServiceSpec.backend("orders", 18083);

    @Test
    void aServiceWithoutACacheRunsItsJarWithMemoryAndJitOptions() {
        List<String> command = JvmOptions.command(
                JAVA,
                orders,
                new JvmOptions.Launch.Plain(Path.of("/repo/services/orders/target/orders.jar")),
                List.of(),
                "");

        assertThat(command)
                .startsWith("/jdk/bin/java", "-Xms16m", "-Xmx160m", "-XX:+UseSerialGC")
                .containsSubsequence(JvmOptions.JIT)
                .endsWith("-jar", "/repo/services/orders/target/orders.jar")
                .noneMatch(option -> option.startsWith("-XX:AOT"))
                .doesNotContain(SpringAot.FLAG);
    }

    @Test
    void aCachedServiceRunsTheExtractedJarWithItsCache() {
        List<String> command = JvmOptions.command(
                JAVA,
                orders,
                new JvmOptions.Launch.WithCache(Path.of("/t/aot/orders.jar"), Path.of("/t/aot/app.aot")),
                List.of(SpringAot.FLAG),
                null);

        assertThat(command)
                .contains("-XX:AOTCache=/t/aot/app.aot", SpringAot.FLAG)
                .endsWith("-jar", "/t/aot/orders.jar");
    }

    @Test
    void aTrainingRunWritesTheCacheAndExtraOptionsComeLastSoTheyWin() {
        List<String> command = JvmOptions.command(
                JAVA,
                orders,
                new JvmOptions.Launch.Training(Path.of("/t/aot/orders.jar"), Path.of("/t/aot/app.aot.training")),
                List.of(),
                " -Xmx256m  -Dx=y ");

        assertThat(command)
                .containsSubsequence(
                        "-Xmx160m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:-AOTRecordTraining",
                        "-XX:AOTCacheOutput=/t/aot/app.aot.training",
                        "-Xmx256m",
                        "-Dx=y",
                        "-jar",
                        "/t/aot/orders.jar");
    }
}
