package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.EventType;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Consumes one event type through a durable JetStream consumer named {@code <service>-<subject token>}
 * (the queue group of all instances of the service). Every Spring bean implementing this is subscribed at
 * start-up.
 *
 * <p>{@link #handle} runs inside a database transaction that records the event in the inbox, so the effect and the
 * inbox row commit together and a redelivered event is skipped. The message is acknowledged only after the commit.
 * A first delivery's inbox row is written with the commit (docs/decisions/0082), so in the rare case that it was a
 * duplicate after all, the handler has run and its transaction is rolled back: what it does outside the database
 * must be harmless to repeat. A business rejection is a normal return (publish a rejection
 * event through the {@link Outbox}); throw {@link RetryLater} to have the event redelivered after a delay
 * without counting as a failure (e.g. a version gap); any other exception rolls back and is retried with
 * backoff, and after the configured number of deliveries the message is parked as a dead letter.
 */
public interface EventHandler<T> {

    EventType<T> eventType();

    void handle(InboundEvent<T> event);

    /**
     * The contended row the handling of this event locks, as a key (e.g. the id of the order it moves), or "" (the
     * default) when there is none worth ordering. Asked once per message of a batch, before its transaction. A batch
     * is handled in the order of these keys, stream order kept among equal ones, so two consumers of a service whose
     * batches lock the same such rows take them in the same order and cannot deadlock each other over them
     * (docs/decisions/0073). Only for handlers whose events of different keys do not depend on each other's order.
     */
    default String lockKey(InboundEvent<T> event) {
        return "";
    }

    /** A handler of {@code type} that runs {@code body}: for handlers whose whole logic is one function. */
    static <T> EventHandler<T> of(EventType<T> type, Consumer<InboundEvent<T>> body) {
        return of(type, data -> "", body);
    }

    /** The same, for a handler whose events lock the row {@code lockKey} names first (see {@link #lockKey}). */
    static <T> EventHandler<T> of(EventType<T> type, Function<T, String> lockKey, Consumer<InboundEvent<T>> body) {
        return new EventHandler<>() {
            @Override
            public EventType<T> eventType() {
                return type;
            }

            @Override
            public void handle(InboundEvent<T> event) {
                body.accept(event);
            }

            @Override
            public String lockKey(InboundEvent<T> event) {
                return String.valueOf(lockKey.apply(event.data()));
            }

            @Override
            public String toString() {
                return "handler of " + type;
            }
        };
    }
}
