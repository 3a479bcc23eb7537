package dev.ticketing.launcher;

import java.time.Duration;

/**
 * Restart delays: {@code initial} doubling up to {@code max}; a process that stayed up for {@code resetAfter}
 * starts again from {@code initial}.
 */
record Backoff(Duration initial, Duration max, Duration resetAfter) {

    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(60));

    /** The delay before the restart after {@code consecutiveFailures} (1 for the first) failures in a row. */
    Duration delay(int consecutiveFailures) {
        Duration delay = initial;
        for (int i = 1; i < consecutiveFailures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
