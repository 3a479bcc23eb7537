package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.Stream;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes, reader side (docs/decisions/0014): before a decision that depends on replicated state of one
 * aggregate (a listing, an order), wait (bounded) until this service has applied the last event of that
 * aggregate that is in the stream now. Writers answer only once their events are published, so a client's
 * earlier write elsewhere is that event or one before it.
 *
 * <p>Events are published on subjects keyed by the aggregate a reader catches up on ({@link EventType}), so one
 * JetStream lookup (last-by-subject, a direct get where the stream allows it) finds the target; then the waiter
 * asks whether this service applied it (memory, the inbox, the consumer's ack floor: docs/decisions/0080) and, if
 * not yet, waits for the in-process signal of the consumer that applies it ({@link AppliedEvents}). Events of other
 * aggregates never delay the decision, and nothing polls.
 *
 * <p>The bound protects the request: after it, or when the broker cannot be asked, the caller proceeds with what
 * it has, as it would without waiting. Call it before the decision's transaction, never inside it.
 */
public final class EventCatchUp {

    private static final Logger log = LoggerFactory.getLogger(EventCatchUp.class);
    private static final int NO_MESSAGE_FOUND = 10037;

    private final EventConsumers consumers;
    private final Connection connection;
    private final io.nats.client.JetStreamManagement jsm;
    private final AppliedEvents applied;
    private final Duration timeout;

    EventCatchUp(EventConsumers consumers, Connection connection, AppliedEvents applied, Duration timeout) {
        this.consumers = consumers;
        this.connection = connection;
        this.applied = applied;
        // no lookup may outlast the wait it serves
        try {
            this.jsm = connection.jetStreamManagement(JetStreamOptions.builder()
                    .requestTimeout(timeout.isPositive() ? timeout : Duration.ofMillis(1))
                    .build());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.timeout = timeout;
    }

    /**
     * Waits until this service has applied the last event in {@code stream} keyed {@code key}, whatever its type
     * (the events of one aggregate are applied in order, so the last one covers those before it).
     *
     * @return whether it caught up: true also when there is nothing to wait for (no such event, or one of a type
     *         this service does not consume); false when the bound passed or the broker could not be asked
     */
    public boolean awaitAggregate(Stream stream, String key) {
        return awaitAggregate(stream, key, timeout);
    }

    /** {@link #awaitAggregate(Stream, String)} bounded by {@code max}. */
    boolean awaitAggregate(Stream stream, String key, Duration max) {
        // no event can have a key that is not a subject token (e.g. a malformed id): nothing to wait for
        return !EventType.isKey(key) || awaitLast(stream, stream.anyEventOf(key), max);
    }

    /** Like {@link #awaitAggregate} for the last event of one type keyed {@code key}. */
    public boolean awaitLatest(EventType<?> type, String key) {
        return !EventType.isKey(key) || awaitLast(type.stream(), type.keyed(key), timeout);
    }

    /**
     * Waits until {@code done} holds, looking again each time this service applies an event of {@code type} whose
     * envelope names {@code aggregateId}: for a decision that needs the first event of an aggregate whose subject
     * is keyed by something else (a payment needs {@code ORDER.created} of an order, keyed by the listing). When
     * the consumer has nothing in hand or pending (one broker request), there is no such event to wait for.
     * {@code done} is not asked when this instance remembers that the consumer applied an event of the aggregate
     * (the usual case for one created a moment ago), so that answer costs no round trip.
     */
    public boolean awaitFirst(EventType<?> type, String aggregateId, BooleanSupplier done) {
        if (!timeout.isPositive()) {
            return true;
        }
        HandlerConsumer<?> consumer = consumers
                .byType(type)
                .orElseThrow(() -> new IllegalArgumentException("This service has no EventHandler of " + type));
        if (applied.appliedLately(consumer.name(), aggregateId) || done.getAsBoolean()) {
            return true;
        }
        if (idle(consumer)) {
            return done.getAsBoolean(); // what was published before this request has been applied
        }
        return applied.awaitAggregate(consumer.name(), aggregateId, done, timeout);
    }

    private boolean idle(HandlerConsumer<?> consumer) {
        return info(consumer)
                .map(info -> info.getNumPending() == 0 && info.getNumAckPending() == 0)
                .orElse(false);
    }

    /** The broker's view of the durable consumer; empty when it cannot be asked. */
    private Optional<ConsumerInfo> info(HandlerConsumer<?> consumer) {
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    jsm.getConsumerInfo(consumer.handler().eventType().stream().name(), consumer.name()));
        } catch (IOException | JetStreamApiException e) {
            log.debug("Could not ask for consumer {}: {}", consumer.name(), e.toString());
            return Optional.empty();
        }
    }

    private boolean awaitLast(Stream stream, String subject, Duration max) {
        if (!max.isPositive()) {
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            log.debug("NATS is not connected: not catching up on {}", subject);
            return false;
        }
        try {
            Optional<MessageInfo> last = lastMessage(stream, subject);
            if (last.isEmpty()) {
                return true;
            }
            EventType<?> type = Events.forSubject(last.get().getSubject());
            Optional<HandlerConsumer<?>> consumer = consumers.byType(type);
            String eventId = last.get().getHeaders() == null
                    ? null
                    : last.get().getHeaders().getFirst(Headers.MSG_ID);
            if (consumer.isEmpty() || eventId == null) {
                return true; // not an event this service applies
            }
            long sequence = last.get().getSeq();
            boolean caughtUp = applied.awaitEvent(
                    consumer.get().name(),
                    UUID.fromString(eventId),
                    () -> acknowledgedThrough(consumer.get(), sequence),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (!caughtUp) {
                log.debug(
                        "Consumer {} has not applied {} ({}) within {}: going on",
                        consumer.get().name(),
                        eventId,
                        subject,
                        max);
            }
            return caughtUp;
        } catch (IOException | JetStreamApiException | IllegalArgumentException e) {
            log.debug("Could not catch up on {}: {}", subject, e.toString());
            return false;
        }
    }

    /**
     * Whether the consumer has acknowledged every message of its subjects up to this stream sequence (its ack
     * floor): each was applied or parked. Asked only when the inbox does not have the event, which for an event of
     * long ago means its row was deleted since; without it, every request about such an aggregate would wait out
     * its whole bound.
     */
    private boolean acknowledgedThrough(HandlerConsumer<?> consumer, long streamSequence) {
        return info(consumer)
                .map(ConsumerInfo::getAckFloor)
                .map(floor -> floor.getStreamSequence() >= streamSequence)
                .orElse(false);
    }

    private Optional<MessageInfo> lastMessage(Stream stream, String subject) throws IOException, JetStreamApiException {
        try {
            return Optional.of(jsm.getLastMessage(stream.name(), subject));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
