package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void doublesFromTheFirstPauseUpToTheMaximum() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(10_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void noFailureYetIsTheFirstPause() {
        assertThat(backoff.after(0)).isEqualTo(Duration.ofMillis(200));
    }
}
