package dev.ticketing.tickets.saga;

import dev.ticketing.platform.messaging.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The injected {@code timeout} of a tickets step: the step answers late. Which steps time out is the order's fault
 * plan, read through the platform's fault-injection seam (off unless the deployment enables it).
 */
@Component
class LateAnswers {

    private final Duration lateAnswerDelay;
    private final Clock clock;

    LateAnswers(SagaProperties saga, Clock clock) {
        this.lateAnswerDelay = saga.lateAnswerDelay();
        this.clock = clock;
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
