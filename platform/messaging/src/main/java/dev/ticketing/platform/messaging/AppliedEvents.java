package dev.ticketing.platform.messaging;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who is waiting for which event to be applied, and the signal that wakes them: the consumers of this instance
 * report every event once its transaction has committed, and with {@code ticketing.messaging.signal-other-instances}
 * so does {@link OtherInstancesListener} for the events every instance of the service applied (docs/decisions/0071).
 * A waiter registers first and then looks at the inbox, so an event applied in between cannot be missed; no waiter
 * ever polls. Whether an event is applied is answered from memory for the last few thousand events this instance
 * heard of or found applied, else from the inbox, else from the consumer's acknowledgements (docs/decisions/0080).
 *
 * <p>A wake-up is a reason to look again, never an answer: a waiter returns true only once it has seen what it
 * waits for, so waking too many (after the listener lost its connection, every waiter) costs a look each and ends no
 * wait wrongly. Without the listener, a waiter for an event applied by another instance waits until its bound and
 * then goes on, as it would without waiting (docs/decisions/0014).
 */
final class AppliedEvents {

    private record EventKey(String consumer, UUID eventId) {}

    private record AggregateKey(String consumer, String aggregateId) {}

    /** How many applied events are remembered, so that a waiter for one of them need not ask the inbox. */
    private static final int REMEMBERED = 4096;

    private final Signals<EventKey> byEvent = new Signals<>();
    private final Set<EventKey> recentlyApplied = remembered();
    private final Set<AggregateKey> recentlyAppliedAggregates = remembered();
    private final Signals<AggregateKey> byAggregate = new Signals<>();
    private final JdbcClient jdbc;

    AppliedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last {@link #REMEMBERED} keys added, the eldest forgotten first. */
    private static <K> Set<K> remembered() {
        return Collections.newSetFromMap(Recent.map(REMEMBERED));
    }

    /** A consumer committed (or had already committed) this event of this aggregate. */
    void applied(String consumer, UUID eventId, String aggregateId) {
        var key = new EventKey(consumer, eventId);
        var aggregate = new AggregateKey(consumer, aggregateId);
        recentlyApplied.add(key);
        recentlyAppliedAggregates.add(aggregate);
        byEvent.signal(key);
        byAggregate.signal(aggregate);
    }

    /**
     * The consumer committed this event of an aggregate whose id its notification could not carry
     * ({@link AppliedNotification}): whoever waits for an aggregate of the consumer looks again.
     */
    void appliedToSomeAggregate(String consumer, UUID eventId) {
        var applied = new EventKey(consumer, eventId);
        recentlyApplied.add(applied);
        byEvent.signal(applied);
        byAggregate.signalAll(key -> key.consumer().equals(consumer));
    }

    /** Every waiter looks again: signals may have been lost (the listener was not listening for a while). */
    void wakeAll() {
        byEvent.signalAll(key -> true);
        byAggregate.signalAll(key -> true);
    }

    /**
     * Waits until the consumer has applied the event, at most {@code max}: it is remembered, or in the consumer's
     * inbox, or {@code acknowledged} holds (the broker has the consumer's acknowledgement of it: applied, or parked,
     * long enough ago that its inbox row may have been deleted, {@code ticketing.messaging.inbox-retention}). An
     * event found applied is remembered from then on, like one applied here: the next request about the same quiet
     * aggregate (a listing nobody edited lately) asks no one.
     */
    boolean awaitEvent(String consumer, UUID eventId, BooleanSupplier acknowledged, Duration max) {
        var key = new EventKey(consumer, eventId);
        return await(byEvent, key, () -> appliedEvent(key, acknowledged), max);
    }

    /**
     * Waits until the consumer is remembered to have applied an event of the aggregate, or {@code done} holds,
     * looking again each time the consumer applies an event of the aggregate, at most {@code max}: for a decision
     * that needs the first event of an aggregate, which it cannot look up. {@code done} answers for an aggregate
     * whose event this instance does not remember (applied long ago, or by another instance that did not say so).
     */
    boolean awaitAggregate(String consumer, String aggregateId, BooleanSupplier done, Duration max) {
        return await(
                byAggregate,
                new AggregateKey(consumer, aggregateId),
                () -> appliedLately(consumer, aggregateId) || done.getAsBoolean(),
                max);
    }

    /** Whether this instance remembers that the consumer applied an event of the aggregate (no round trip). */
    boolean appliedLately(String consumer, String aggregateId) {
        return recentlyAppliedAggregates.contains(new AggregateKey(consumer, aggregateId));
    }

    /** Looks at {@code done} and again after every wake-up of {@code key}, until it holds or {@code max} passed. */
    private static <K> boolean await(Signals<K> signals, K key, BooleanSupplier done, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            CompletableFuture<Void> wakeUp = signals.register(key);
            try {
                if (done.getAsBoolean()) {
                    return true;
                }
                if (!Signals.await(wakeUp, Duration.ofNanos(deadline - System.nanoTime()))) {
                    return false;
                }
            } finally {
                signals.unregister(key, wakeUp);
            }
        }
    }

    int waiting() {
        return byEvent.waiting() + byAggregate.waiting();
    }

    /**
     * Remembered as applied (no round trip: the usual case for a request's own event), else in the inbox, else
     * acknowledged; remembered once found.
     */
    private boolean appliedEvent(EventKey key, BooleanSupplier acknowledged) {
        if (recentlyApplied.contains(key)) {
            return true;
        }
        if (inInbox(key) || acknowledged.getAsBoolean()) {
            recentlyApplied.add(key);
            return true;
        }
        return false;
    }

    private boolean inInbox(EventKey key) {
        return jdbc.sql("select exists (select 1 from messaging_inbox where consumer = :consumer and event_id = :id)")
                .param("consumer", key.consumer())
                .param("id", key.eventId())
                .query(Boolean.class)
                .single();
    }
}
