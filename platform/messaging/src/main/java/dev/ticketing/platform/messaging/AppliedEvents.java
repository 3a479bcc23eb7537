package dev.ticketing.platform.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who is waiting for which event to be applied, and the signal that wakes them: the consumers of this instance
 * report every event once its transaction has committed (so does the dead-letter replay). A waiter registers
 * first and then looks at the inbox, so an event applied in between cannot be missed; no waiter ever polls.
 *
 * <p>Events applied by another instance of the service are not signalled here: a waiter for one of those waits
 * until its bound and then goes on, as it would without waiting (docs/decisions/0014).
 */
final class AppliedEvents {

    private record EventKey(String consumer, UUID eventId) {}

    private record AggregateKey(String consumer, String aggregateId) {}

    private final Signals<EventKey> byEvent = new Signals<>();
    private final Signals<AggregateKey> byAggregate = new Signals<>();
    private final JdbcClient jdbc;

    AppliedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A consumer committed (or had already committed) this event of this aggregate. */
    void applied(String consumer, UUID eventId, String aggregateId) {
        byEvent.signal(new EventKey(consumer, eventId));
        byAggregate.signal(new AggregateKey(consumer, aggregateId));
    }

    /** Waits until the consumer has applied the event (it is in the consumer's inbox), at most {@code max}. */
    boolean awaitEvent(String consumer, UUID eventId, Duration max) {
        var key = new EventKey(consumer, eventId);
        CompletableFuture<Void> wakeUp = byEvent.register(key);
        try {
            return inInbox(consumer, eventId) || Signals.await(wakeUp, max);
        } finally {
            byEvent.unregister(key, wakeUp);
        }
    }

    /**
     * Waits until {@code done} holds, looking again each time the consumer applies an event of the aggregate, at
     * most {@code max}: for a decision that needs the first event of an aggregate, which it cannot look up.
     */
    boolean awaitAggregate(String consumer, String aggregateId, BooleanSupplier done, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        var key = new AggregateKey(consumer, aggregateId);
        while (true) {
            CompletableFuture<Void> wakeUp = byAggregate.register(key);
            try {
                if (done.getAsBoolean()) {
                    return true;
                }
                if (!Signals.await(wakeUp, Duration.ofNanos(deadline - System.nanoTime()))) {
                    return false;
                }
            } finally {
                byAggregate.unregister(key, wakeUp);
            }
        }
    }

    int waiting() {
        return byEvent.waiting() + byAggregate.waiting();
    }

    private boolean inInbox(String consumer, UUID eventId) {
        return jdbc.sql("select exists (select 1 from messaging_inbox where consumer = :consumer and event_id = :id)")
                .param("consumer", consumer)
                .param("id", eventId)
                .query(Boolean.class)
                .single();
    }
}
