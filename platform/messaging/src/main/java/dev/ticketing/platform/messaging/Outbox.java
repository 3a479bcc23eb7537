package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.EventType;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox: an event appended here is stored in the caller's database transaction, together
 * with the state change that caused it, and published to JetStream by the relay once that transaction has
 * committed ({@code Nats-Msg-Id} = the returned event id). Must be called inside a transaction on the
 * service's {@code DataSource}; calling it outside one is a bug and throws.
 */
public interface Outbox {

    /** Appends an event; {@code aggregateVersion} is the aggregate's version after the change. */
    default <T> UUID append(EventType<T> type, String aggregateId, long aggregateVersion, T data) {
        return append(type, aggregateId, aggregateVersion, data, Map.of());
    }

    /**
     * Appends an event with extra message headers (e.g. {@code fault-injection}); {@code traceparent},
     * {@code event-type}, {@code schema-version} and {@code Nats-Msg-Id} are added by the platform.
     */
    <T> UUID append(EventType<T> type, String aggregateId, long aggregateVersion, T data, Map<String, String> headers);
}
