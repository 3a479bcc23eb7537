package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromAQuarterOfASecondUpToTenSeconds() {
        var delays = IntStream.rangeClosed(1, 8)
                .mapToObj(Backoff.DEFAULT::delay)
                .map(Duration::toMillis)
                .toList();

        assertThat(delays).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L);
    }

    @Test
    void resetsAfterAMinuteOfHealth() {
        assertThat(Backoff.DEFAULT.resetAfter()).isEqualTo(Duration.ofSeconds(60));
    }
}
