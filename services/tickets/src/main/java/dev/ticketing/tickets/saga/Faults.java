package dev.ticketing.tickets.saga;

import dev.ticketing.platform.messaging.RetryLater;
import dev.ticketing.contracts.FaultPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The faults to inject into an order's steps: none unless the deployment enables fault injection. */
@Component
class Faults {

    private final boolean enabled;
    private final Duration lateAnswerDelay;
    private final Clock clock;

    Faults(FaultProperties faults, SagaProperties saga, Clock clock) {
        this.enabled = faults.faultsEnabled();
        this.lateAnswerDelay = saga.lateAnswerDelay();
        this.clock = clock;
    }

    /** The plan of the event's header, or of the value stored with the order when the header is missing. */
    FaultPlan plan(Optional<String> header, String stored) {
        if (!enabled) {
            return FaultPlan.NONE;
        }
        return FaultPlan.parse(header.orElse(stored));
    }

    /**
     * An injected timeout: the step answers only once {@code lateAnswerDelay} has passed since the order event
     * was published. Counting from the event rather than from this delivery keeps the answer late by the same
     * amount across redeliveries and restarts.
     */
    void answerLate(Instant eventOccurredAt) {
        Duration remaining = Duration.between(clock.instant(), eventOccurredAt.plus(lateAnswerDelay));
        if (remaining.isPositive()) {
            throw new RetryLater("fault injection: answering late", remaining);
        }
    }
}
