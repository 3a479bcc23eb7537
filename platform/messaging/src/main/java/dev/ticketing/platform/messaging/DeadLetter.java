package dev.ticketing.platform.messaging;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code messaging_dead_letter}: a message a consumer gave up on, with its last error. */
public record DeadLetter(
        UUID id,
        String consumer,
        String subject,
        UUID eventId,
        String payload,
        String headers,
        String error,
        int deliveries,
        Instant parkedAt,
        Instant replayRequestedAt,
        Instant replayedAt) {}
