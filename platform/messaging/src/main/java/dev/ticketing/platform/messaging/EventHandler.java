package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.EventType;
import java.util.function.Consumer;

/**
 * Consumes one event type through a durable JetStream consumer named {@code <service>-<subject token>}
 * (the queue group of all instances of the service). Every Spring bean implementing this is subscribed at
 * start-up.
 *
 * <p>{@link #handle} runs inside a database transaction in which the platform has already recorded the event
 * in the inbox, so the effect and the inbox row commit together and a redelivered event is skipped. The
 * message is acknowledged only after the commit. A business rejection is a normal return (publish a rejection
 * event through the {@link Outbox}); throw {@link RetryLater} to have the event redelivered after a delay
 * without counting as a failure (e.g. a version gap); any other exception rolls back and is retried with
 * backoff, and after the configured number of deliveries the message is parked as a dead letter.
 */
public interface EventHandler<T> {

    EventType<T> eventType();

    void handle(InboundEvent<T> event);

    /** A handler of {@code type} that runs {@code body}: for handlers whose whole logic is one function. */
    static <T> EventHandler<T> of(EventType<T> type, Consumer<InboundEvent<T>> body) {
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
            public String toString() {
                return "handler of " + type;
            }
        };
    }
}
