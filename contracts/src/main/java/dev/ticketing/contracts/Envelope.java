package dev.ticketing.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The body of every message: {@code {eventId, type, occurredAt, aggregateId, aggregateVersion, data}}.
 *
 * @param <T> the data record of the event type
 */
public record Envelope<T>(
        UUID eventId, String type, Instant occurredAt, String aggregateId, long aggregateVersion, T data) {

    public Envelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(data, "data");
    }
}
