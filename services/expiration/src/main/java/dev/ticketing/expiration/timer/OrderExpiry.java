package dev.ticketing.expiration.timer;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.ExpirationComplete;
import dev.ticketing.platform.messaging.Outbox;
import dev.ticketing.platform.observability.SagaSpans;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a timer does when it fires: append EXPIRATION.complete through the outbox, once per order.
 *
 * <p>db-scheduler runs a timer at least once: if the process dies after our commit but before db-scheduler
 * records the completion, the timer runs again. The {@code expirations} row, committed with the outbox row,
 * turns that second run into a no-op. The timer fires in a span of the order's trace (kept in the timer's data when
 * it was scheduled), so the expiry is part of the order's story (decision 60).
 */
@Component
class OrderExpiry {

    /** The event is the one and only change of the timer, so it is version 1 of that aggregate. */
    static final long EVENT_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(OrderExpiry.class);

    private final OrderTimers timers;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final SagaSpans spans;

    OrderExpiry(OrderTimers timers, Outbox outbox, PlatformTransactionManager transactionManager, SagaSpans spans) {
        this.spans = spans;
        this.timers = timers;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Fires the order's timer in the order's trace (null: none was kept). */
    void fire(String orderId, String traceparent) {
        spans.continueTrace(traceparent, "expire", () -> {
            transactions.executeWithoutResult(status -> fireInTransaction(orderId));
            return null;
        });
    }

    private void fireInTransaction(String orderId) {
        // a cancel can commit while this timer was already picked (then the cancel leaves its row alone)
        if (timers.isCancelled(orderId)) {
            log.info("Timer of order {} fired after its cancellation: nothing to expire", orderId);
            spans.step("expiration", orderId, null, "already cancelled");
        } else if (!timers.recordFired(orderId)) {
            log.info("Timer of order {} fired again after a crash: already expired", orderId);
            spans.step("expiration", orderId, null, "already fired");
        } else {
            outbox.append(Events.EXPIRATION_COMPLETE, orderId, EVENT_VERSION, new ExpirationComplete(orderId));
            log.info("Order {} expired", orderId);
            spans.step("expiration", orderId, null, "fired");
        }
    }
}
