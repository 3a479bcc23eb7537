package dev.ticketing.tickets.saga;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.saga.*} of the tickets service.
 *
 * @param lateAnswerDelay  how late an injected {@code timeout} answers, counted from the order event; longer than
 *                         the orders service's step deadlines (30s), so the step really times out there
 * @param reservationWait  how long ORDER.paid waits before looking again for a reservation that ORDER.created
 *                         (another consumer) has probably not processed yet
 */
@ConfigurationProperties("ticketing.saga")
record SagaProperties(
        @DefaultValue("45s") Duration lateAnswerDelay,
        @DefaultValue("1s") Duration reservationWait) {}
