package dev.ticketing.tickets.saga;

import dev.ticketing.platform.messaging.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.saga.*} of the tickets service.
 *
 * @param lateAnswerDelay  how late an injected {@code timeout} answers, counted from the order event; longer than
 *                         the orders service's step deadlines (30s), so the step really times out there
 * @param reservationWait       the longest ORDER.paid waits before looking again for a reservation that
 *                              ORDER.created (another consumer) has probably not processed yet
 * @param reservationFirstWait  the first such wait; each further one doubles, up to {@code reservationWait}. The
 *                              reservation is usually only a batch behind: a purchase whose payment overtook it
 *                              should not wait a whole second for it
 */
@ConfigurationProperties("ticketing.saga")
record SagaProperties(
        @DefaultValue("45s") Duration lateAnswerDelay,
        @DefaultValue("1s") Duration reservationWait,
        @DefaultValue("50ms") Duration reservationFirstWait) {

    /** How long ORDER.paid waits for its reservation after its {@code delivery}-th delivery (1 for the first). */
    Duration reservationWaitAfter(long delivery) {
        return new Backoff(reservationFirstWait, reservationWait).after((int) Math.min(delivery, Integer.MAX_VALUE));
    }
}
