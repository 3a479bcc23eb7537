package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerTest {

    private final Instant jvmStart = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void startUpCountsFromTheCommandWhenTheScriptSaysWhenItWasAsked() {
        Instant asked = jvmStart.minusMillis(420);

        assertThat(Runner.startedAt(
                        Map.of("TICKETING_START_REQUESTED_AT", Long.toString(asked.toEpochMilli())), jvmStart))
                .isEqualTo(asked);
    }

    @Test
    void otherwiseFromTheLaunchersOwnStart() {
        assertThat(Runner.startedAt(Map.of(), jvmStart)).isEqualTo(jvmStart);
        assertThat(Runner.startedAt(Map.of("TICKETING_START_REQUESTED_AT", "soon"), jvmStart))
                .isEqualTo(jvmStart);
        assertThat(Runner.startedAt(
                        Map.of(
                                "TICKETING_START_REQUESTED_AT",
                                Long.toString(jvmStart.plusSeconds(1).toEpochMilli())),
                        jvmStart))
                .as("after the JVM started")
                .isEqualTo(jvmStart);
        assertThat(Runner.startedAt(
                        Map.of(
                                "TICKETING_START_REQUESTED_AT",
                                Long.toString(jvmStart.minusSeconds(3600).toEpochMilli())),
                        jvmStart))
                .as("a stale export")
                .isEqualTo(jvmStart);
    }
}
