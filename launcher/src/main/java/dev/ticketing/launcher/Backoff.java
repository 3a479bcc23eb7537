package dev.ticketing.launcher;

import java.time.Duration;

/**
 * Restart delays: {@code initial} doubling up to {@code max}; a process that stayed up for {@code resetAfter}
 * starts again from {@code initial}.
 */
record Backoff(Duration initial, Duration max, Duration resetAfter) {

    /**
     * A killed service is started again a quarter of a second later (its restart should take a few seconds in all:
     * the step deadlines leave room for 5, docs/decisions/0005); one that keeps failing waits up to 10 s.
     */
    static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofSeconds(60));

    /** The delay before the restart after {@code consecutiveFailures} (1 for the first) failures in a row. */
    Duration delay(int consecutiveFailures) {
        Duration delay = initial;
        for (int i = 1; i < consecutiveFailures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
