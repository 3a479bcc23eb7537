package dev.ticketing.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * What a consumer's transaction tells the other instances of its service when it records an event in the inbox
 * (PostgreSQL {@code NOTIFY} on {@link #CHANNEL}, delivered only if the transaction commits): which consumer applied
 * which event of which aggregate, so that {@link OtherInstancesListener} can wake the waiters of its own instance.
 *
 * <p>The payload is {@code <consumer> <eventId> <aggregateId>}: a consumer is a durable name (no whitespace) and an
 * event id a UUID, so the aggregate id, last, may be anything. PostgreSQL refuses a payload of 8000 bytes or more,
 * which would fail the handler's transaction; an aggregate id that long is left out, and the receiver then wakes
 * every waiter of the consumer ({@code aggregateId} is null).
 *
 * @param aggregateId the aggregate of the event; null when it did not fit into the payload
 */
record AppliedNotification(String consumer, UUID eventId, String aggregateId) {

    /** One channel per database: the services each have their own, and consumer names tell services apart anyway. */
    static final String CHANNEL = "ticketing_applied";

    static final int MAX_PAYLOAD_BYTES = 7999;

    String payload() {
        String full = consumer + " " + eventId + " " + aggregateId;
        return aggregateId != null && full.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES
                ? full
                : consumer + " " + eventId;
    }

    /** The notification a payload describes; empty for a payload this version does not understand. */
    static Optional<AppliedNotification> parse(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(" ", 3);
        if (parts.length < 2 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            UUID eventId = UUID.fromString(parts[1]);
            return Optional.of(new AppliedNotification(parts[0], eventId, parts.length == 3 ? parts[2] : null));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
