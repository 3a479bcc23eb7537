package dev.ticketing.platform.messaging;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exactly-once effect of at-least-once delivery: the inbox row and the handler's changes commit in one
 * transaction, and an event already in the inbox of the consumer is not handled again.
 */
final class Inbox {

    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Handles the event in a transaction of {@code transactions} unless the consumer already did.
     *
     * @return false when the event was a duplicate and the handler was not called
     * @throws RuntimeException whatever the handler threw, after the rollback
     */
    <T> boolean handleOnce(
            TransactionTemplate transactions, String consumer, EventHandler<T> handler, InboundEvent<T> event) {
        Boolean handled = transactions.execute(status -> handleInTransaction(consumer, handler, event));
        return Boolean.TRUE.equals(handled);
    }

    /** The same inside the caller's transaction (a batch of events committed together). */
    <T> boolean handleInTransaction(String consumer, EventHandler<T> handler, InboundEvent<T> event) {
        int inserted = jdbc.sql("""
                        insert into messaging_inbox (consumer, event_id) values (:consumer, :eventId)
                        on conflict do nothing
                        """)
                .param("consumer", consumer)
                .param("eventId", event.envelope().eventId())
                .update();
        if (inserted == 0) {
            return false;
        }
        handler.handle(event);
        return true;
    }
}
