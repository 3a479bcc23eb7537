package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.Headers;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays the dead letters an operator asked for: one row per transaction, locked with {@code skip locked} so
 * that instances share the work; the handler runs through the inbox in a savepoint, so a failure still lets
 * the row record its new error.
 */
final class DeadLetterReplayer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoints;
    private final Inbox inbox;
    private final EnvelopeCodec codec;
    private final EventConsumers consumers;

    DeadLetterReplayer(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Inbox inbox,
            EnvelopeCodec codec,
            EventConsumers consumers) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.savepoints = new TransactionTemplate(transactions.getTransactionManager());
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.inbox = inbox;
        this.codec = codec;
        this.consumers = consumers;
    }

    /** Replays every requested dead letter not locked by another instance; returns how many were tried. */
    int replayRequested() {
        int tried = 0;
        while (Boolean.TRUE.equals(transactions.execute(status -> replayNext()))) {
            tried++;
        }
        return tried;
    }

    private boolean replayNext() {
        var row = jdbc.sql("""
                        select id, consumer, event_id, payload, headers::text as headers, deliveries
                        from messaging_dead_letter
                        where replay_requested_at is not null and replayed_at is null
                        order by replay_requested_at limit 1 for update skip locked
                        """)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getString("consumer"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("payload"),
                        rs.getString("headers"),
                        rs.getInt("deliveries")))
                .optional();
        if (row.isEmpty()) {
            return false;
        }
        try {
            replay(row.get());
            jdbc.sql("update messaging_dead_letter set replayed_at = clock_timestamp() where id = :id")
                    .param("id", row.get().id())
                    .update();
            log.info(
                    "Replayed dead letter {} (event {}) for {}",
                    row.get().id(),
                    row.get().eventId(),
                    row.get().consumer());
        } catch (RuntimeException e) {
            log.warn(
                    "Replay of dead letter {} for {} failed",
                    row.get().id(),
                    row.get().consumer(),
                    e);
            jdbc.sql("""
                            update messaging_dead_letter set error = :error, replay_requested_at = null
                            where id = :id
                            """)
                    .param("error", "replay failed: " + InboundProcessor.describe(e))
                    .param("id", row.get().id())
                    .update();
        }
        return true;
    }

    private void replay(Row row) {
        HandlerConsumer<?> consumer = consumers
                .byName(row.consumer())
                .orElseThrow(() -> new IllegalStateException(
                        "No EventHandler for consumer " + row.consumer() + " in this service"));
        replay(row, consumer.handler());
    }

    private <T> void replay(Row row, EventHandler<T> handler) {
        Map<String, String> headers = codec.readHeaders(row.headers());
        Envelope<T> envelope = codec.read(row.payload(), handler.eventType());
        try (var ignored = TraceLogging.open(headers.get(Headers.TRACEPARENT), row.consumer())) {
            inbox.handleOnce(
                    savepoints,
                    row.consumer(),
                    handler,
                    new InboundEvent<>(envelope, Map.copyOf(headers), row.deliveries() + 1L));
        }
    }

    private record Row(UUID id, String consumer, UUID eventId, String payload, String headers, int deliveries) {}
}
