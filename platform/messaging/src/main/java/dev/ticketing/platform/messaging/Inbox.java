package dev.ticketing.platform.messaging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.dao.DataIntegrityViolationException;
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

    /** {@code :rows} expands to one {@code (consumer, event id)} tuple per event. */
    private static final String RECORD = """
            insert into messaging_inbox (consumer, event_id) values :rows
            on conflict do nothing
            returning event_id
            """;

    /**
     * {@link #RECORD} with a {@code NOTIFY} per inserted row; {@code :rows} holds {@code (event id, payload)} tuples.
     * Only inserted rows come out of {@code recorded}: a duplicate notifies nobody (its first commit did), and the
     * notification costs no round trip of its own. One notification per event rather than one per batch keeps this
     * the single place for single events, batches and replays, and costs little more: the expensive part, the lock
     * PostgreSQL takes to queue a transaction's notifications at commit, is taken once per transaction anyway.
     */
    private static final String RECORD_AND_NOTIFY = """
            with batch (event_id, payload) as (values :rows),
                 recorded as (insert into messaging_inbox (consumer, event_id)
                              select :consumer, event_id from batch
                              on conflict do nothing
                              returning event_id)
            select recorded.event_id, pg_notify(:channel, batch.payload)
              from recorded join batch on batch.event_id = recorded.event_id
            """;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean notifyOtherInstances;

    Inbox(DataSource dataSource, boolean notifyOtherInstances) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource); // joins the caller's transaction through DataSourceUtils
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

    /**
     * Handles the first delivery of an event in a transaction of {@code transactions}, its inbox row written with
     * the commit (docs/decisions/0082): a first delivery is almost never a duplicate, so the handler runs at once,
     * without a round trip to ask. When it was one after all (the event was published again, or another instance
     * handled an earlier delivery), the commit fails on the inbox's key, nothing is kept, and the event is handled
     * as {@link #handleOnce} does.
     *
     * @return false when the event was a duplicate and nothing was applied
     * @throws RuntimeException whatever the handler threw, after the rollback
     */
    <T> boolean handleFirstDelivery(
            TransactionTemplate transactions, String consumer, EventHandler<T> handler, InboundEvent<T> event) {
        boolean[] handled = {false};
        try {
            transactions.executeWithoutResult(status -> {
                recordAtCommit(consumer, List.of(event));
                handler.handle(event);
                handled[0] = true;
            });
            return true;
        } catch (DataIntegrityViolationException e) {
            if (!handled[0]) {
                throw e; // the handler's own
            }
            return handleOnce(transactions, consumer, handler, event);
        }
    }

    /**
     * Records the events as handled by the consumer when the caller's transaction commits (docs/decisions/0082),
     * each once: all are to be handled ({@link Recorded#first}), and the commit fails if the consumer had any of them
     * already.
     */
    Recorded recordAtCommit(String consumer, List<? extends InboundEvent<?>> events) {
        InboxRows rows = InboxRows.ofCurrentTransaction(dataSource, notifyOtherInstances);
        var fresh = new HashSet<UUID>();
        for (InboundEvent<?> event : events) {
            if (fresh.add(event.envelope().eventId())) {
                rows.add(consumer, event);
            }
        }
        return new Recorded(fresh);
    }

    private <T> boolean handleInTransaction(String consumer, EventHandler<T> handler, InboundEvent<T> event) {
        if (!recordAll(consumer, List.of(event)).first(event)) {
            return false;
        }
        handler.handle(event);
        return true;
    }

    /**
     * Inserts the inbox rows of the events (a batch, or one) in one statement, inside the caller's transaction: the
     * events the consumer did not have yet, each to be handled once ({@link Recorded#first}), the others duplicates.
     */
    Recorded recordAll(String consumer, List<? extends InboundEvent<?>> events) {
        var rows = new ArrayList<Object[]>(events.size());
        for (InboundEvent<?> event : events) {
            UUID eventId = event.envelope().eventId();
            rows.add(
                    notifyOtherInstances
                            ? new Object[] {
                                eventId,
                                new AppliedNotification(
                                                consumer,
                                                eventId,
                                                event.envelope().aggregateId())
                                        .payload()
                            }
                            : new Object[] {consumer, eventId});
        }
        var statement = notifyOtherInstances
                ? jdbc.sql(RECORD_AND_NOTIFY).param("consumer", consumer).param("channel", AppliedNotification.CHANNEL)
                : jdbc.sql(RECORD);
        return new Recorded(new HashSet<>(statement
                .param("rows", rows)
                .query((row, number) -> row.getObject(1, UUID.class))
                .list()));
    }

    /** The events of a batch that the consumer recorded now, each to be handled once. */
    static final class Recorded {

        private final Set<UUID> fresh;

        private Recorded(Set<UUID> fresh) {
            this.fresh = fresh;
        }

        /** True the first time it is asked about an event recorded now; false for a duplicate. */
        boolean first(InboundEvent<?> event) {
            return fresh.remove(event.envelope().eventId());
        }
    }
}
