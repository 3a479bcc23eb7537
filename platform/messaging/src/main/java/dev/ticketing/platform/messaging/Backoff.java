package dev.ticketing.platform.messaging;

import java.time.Duration;

/**
 * The pause before trying again after {@code failures} failures in a row: {@code first}, then twice as long each
 * time, never longer than {@code max}. The relay, the consumers, their set-up and the listener share it, and so
 * do handlers that {@link RetryLater} with a growing delay.
 */
public record Backoff(Duration first, Duration max) {

    /** Past this many doublings every pause we use has reached its maximum; the shift cannot overflow. */
    private static final int MAX_DOUBLINGS = 20;

    public Duration after(int failures) {
        long millis = first.toMillis() << Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
