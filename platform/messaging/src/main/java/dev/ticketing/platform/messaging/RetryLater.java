package dev.ticketing.platform.messaging;

import java.time.Duration;

/**
 * Thrown by a handler that cannot apply an event yet (e.g. a replica sees a version gap): the transaction is
 * rolled back and the message is redelivered after {@link #delay()}.
 */
public class RetryLater extends RuntimeException {

    private final Duration delay;

    public RetryLater(String reason, Duration delay) {
        super(reason, null, false, false);
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }
}
