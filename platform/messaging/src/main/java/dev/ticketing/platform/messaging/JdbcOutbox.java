package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Headers;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@link Outbox} on the {@code messaging_outbox} table, written in the caller's transaction: with its commit
 * ({@link OutboxRows}, docs/decisions/0081).
 */
final class JdbcOutbox implements Outbox {

    private final DataSource dataSource;
    private final EnvelopeCodec codec;
    private final MessageTracing tracing;
    private final Clock clock;
    private final OutboxRelay relay;
    private final PublishBeforeResponse publishBeforeResponse;

    JdbcOutbox(
            DataSource dataSource,
            EnvelopeCodec codec,
            MessageTracing tracing,
            Clock clock,
            OutboxRelay relay,
            PublishBeforeResponse publishBeforeResponse) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.tracing = tracing;
        this.clock = clock;
        this.relay = relay;
        this.publishBeforeResponse = publishBeforeResponse;
    }

    @Override
    public <T> UUID append(
            EventType<T> type, String aggregateId, long aggregateVersion, T data, Map<String, String> headers) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(headers, "headers");
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append(" + type + ") needs an active transaction on the "
                    + "service's DataSource, so that the event commits with the change that caused it");
        }
        UUID eventId = UUID.randomUUID();
        Instant now = clock.instant();
        var envelope = new Envelope<>(eventId, type.name(), now, aggregateId, aggregateVersion, data);
        String subject = type.subject(data);
        String payload = codec.write(envelope);
        Map<String, String> messageHeaders = messageHeaders(type, headers);
        // leased to this instance's relay, which gets the row from memory after the commit (docs/decisions/0074)
        boolean handOver = relay.takesHandOvers();
        // tracked before the commit, so that the relay's notification cannot come before anyone listens
        boolean awaited = publishBeforeResponse.track(eventId);
        OutboxRows.ofCurrentTransaction(dataSource, relay, publishBeforeResponse)
                .add(new OutboxRows.Row(
                        eventId,
                        subject,
                        aggregateId,
                        aggregateVersion,
                        payload,
                        messageHeaders,
                        codec.writeHeaders(messageHeaders),
                        handOver,
                        awaited));
        return eventId;
    }

    private Map<String, String> messageHeaders(EventType<?> type, Map<String, String> extra) {
        var headers = new LinkedHashMap<>(extra);
        headers.remove(Headers.MSG_ID); // always the event id, set by the relay
        headers.remove(Headers.TRACEPARENT); // the platform's: the work that appended the event
        tracing.forAppend().ifPresent(traceparent -> headers.put(Headers.TRACEPARENT, traceparent));
        headers.put(Headers.EVENT_TYPE, type.name());
        headers.put(Headers.SCHEMA_VERSION, Integer.toString(Events.SCHEMA_VERSION));
        return headers;
    }
}
