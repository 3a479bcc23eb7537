package dev.ticketing.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes, writer side (docs/decisions/0014): an HTTP request that committed outbox events answers only
 * once those events are in JetStream (bounded by {@code ticketing.messaging.publish-before-response}), so a
 * client that goes on to another service finds them in the stream, where {@link EventCatchUp} can wait for them.
 *
 * <p>A request thread is marked for the duration of the request ({@link #begin}, by a servlet filter). While it
 * is, the outbox {@linkplain #track tracks} every event it appends, before the commit, so the relay's notification
 * cannot be missed; at commit the events become pending, and the request waits for them just before its response
 * is written ({@link #awaitPublished}): after the transaction has ended, so no database connection is held while
 * waiting. The relay of this instance gets the rows handed over at the commit and {@linkplain #published notifies}
 * once it has published them; nothing polls. (A row that was not handed over, or whose lease ran out, may be claimed
 * by another instance's relay, docs/decisions/0074. With {@code signal-other-instances} that relay's notification
 * reaches this one through {@link OtherInstancesListener}; without it the request answers at the bound, its events
 * published all the same.) Threads that are not serving a request (consumers, schedulers) are never marked and
 * never wait. While the relay is failing nobody waits: the events could not be published anyway, and every write
 * request would otherwise pay the full bound.
 */
final class PublishBeforeResponse {

    private static final Logger log = LoggerFactory.getLogger(PublishBeforeResponse.class);

    private final ThreadLocal<Request> current = new ThreadLocal<>();
    private final Map<UUID, CompletableFuture<Void>> watched = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final IntSupplier relayFailures;

    PublishBeforeResponse(Duration timeout, IntSupplier relayFailures) {
        this.timeout = timeout;
        this.relayFailures = relayFailures;
    }

    boolean enabled() {
        return timeout.isPositive();
    }

    /** True while the current thread serves a request. */
    boolean inRequest() {
        return current.get() != null;
    }

    /** Marks the current thread as serving a request until the returned scope is closed. */
    Scope begin() {
        if (!enabled() || inRequest()) {
            return () -> {};
        }
        var request = new Request();
        current.set(request);
        return () -> {
            current.remove();
            request.tracked.keySet().forEach(watched::remove);
        };
    }

    /** Called by the outbox while appending, before the commit; true when the event is waited for. */
    boolean track(UUID eventId) {
        Request request = current.get();
        if (request == null) {
            return false;
        }
        var future = new CompletableFuture<Void>();
        watched.put(eventId, future);
        request.tracked.put(eventId, future);
        return true;
    }

    /** Called by the outbox when the transaction of a tracked event has ended. */
    void completed(UUID eventId, boolean committed) {
        Request request = current.get();
        if (committed && request != null) {
            request.committed.add(eventId);
            return;
        }
        watched.remove(eventId);
        if (request != null) {
            request.tracked.remove(eventId);
        }
    }

    /** Called by the relay once rows are published and marked so. */
    void published(java.util.Collection<UUID> eventIds) {
        for (UUID id : eventIds) {
            CompletableFuture<Void> future = watched.remove(id);
            if (future != null) {
                future.complete(null);
            }
        }
    }

    /** Waits (bounded) until the events committed so far by this request are published; never throws. */
    void awaitPublished() {
        Request request = current.get();
        if (request == null || request.committed.isEmpty()) {
            return;
        }
        Map<UUID, CompletableFuture<Void>> pending = request.takeCommitted();
        try {
            if (relayFailures.getAsInt() > 0) {
                log.debug("Outbox relay is failing: answering without waiting for {} events", pending.size());
                return;
            }
            await(pending);
        } finally {
            pending.keySet().forEach(watched::remove);
        }
    }

    private void await(Map<UUID, CompletableFuture<Void>> pending) {
        var all = CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new));
        if (!Signals.await(all, timeout)) {
            log.debug("{} events not published within {}: answering anyway", pending.size(), timeout);
        }
    }

    /** Ends the mark of a request. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** The events of one request: tracked since appended, committed once their transaction has. */
    private static final class Request {
        final Map<UUID, CompletableFuture<Void>> tracked = new LinkedHashMap<>();
        final List<UUID> committed = new ArrayList<>();

        Map<UUID, CompletableFuture<Void>> takeCommitted() {
            var taken = new LinkedHashMap<UUID, CompletableFuture<Void>>();
            for (UUID id : committed) {
                taken.put(id, tracked.remove(id));
            }
            committed.clear();
            return taken;
        }
    }
}
