package dev.ticketing.platform.messaging;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exactly-once effect of at-least-once delivery: the inbox row and the handler's changes commit in one
 * transaction, and an event already in the inbox of the consumer is not handled again.
 *
 * <p>Every event recorded here (one by one, in batches, or replayed from the dead letters) can also tell the other
 * instances of the service that it was applied ({@code ticketing.messaging.signal-other-instances}): the insert
 * issues a {@code NOTIFY} ({@link AppliedNotification}), which PostgreSQL delivers only when, and if, the
 * transaction commits, so nobody is woken for an event that was rolled back.
 */
final class Inbox {

    private static final String RECORD = """
            insert into messaging_inbox (consumer, event_id) values (:consumer, :eventId)
            on conflict do nothing
            """;

    /**
     * RETURNING is evaluated for inserted rows only: a duplicate notifies nobody (its first commit did), and the
     * notification costs no round trip of its own. One notification per event rather than one per batch keeps this
     * the single place for single events, batches and replays, and costs little more: the expensive part, the lock
     * PostgreSQL takes to queue a transaction's notifications at commit, is taken once per transaction anyway.
     */
    private static final String RECORD_AND_NOTIFY = RECORD + "returning pg_notify(:channel, :payload)";

    private final JdbcClient jdbc;
    private final boolean notifyOtherInstances;

    Inbox(JdbcClient jdbc, boolean notifyOtherInstances) {
        this.jdbc = jdbc;
        this.notifyOtherInstances = notifyOtherInstances;
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
        if (!record(consumer, event)) {
            return false;
        }
        handler.handle(event);
        return true;
    }

    /** Inserts the inbox row; false when the consumer already has it. */
    private boolean record(String consumer, InboundEvent<?> event) {
        UUID eventId = event.envelope().eventId();
        if (!notifyOtherInstances) {
            return jdbc.sql(RECORD)
                            .param("consumer", consumer)
                            .param("eventId", eventId)
                            .update()
                    > 0;
        }
        var notification =
                new AppliedNotification(consumer, eventId, event.envelope().aggregateId());
        return !jdbc.sql(RECORD_AND_NOTIFY)
                .param("consumer", consumer)
                .param("eventId", eventId)
                .param("channel", AppliedNotification.CHANNEL)
                .param("payload", notification.payload())
                .query((row, number) -> Boolean.TRUE)
                .list()
                .isEmpty();
    }
}
