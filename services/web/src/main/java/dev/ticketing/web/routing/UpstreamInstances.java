package dev.ticketing.web.routing;

import dev.ticketing.web.routing.RoutesProperties.Upstream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The instances of one service, taken in turn (round robin), with passive health: an instance that refused a
 * connection is passed over for a short quarantine, then tried again. Whoever calls the service (the edge's
 * routes, the UI's clients) goes through {@link #call}, which moves on to another instance when the first one
 * failed and that is safe: always when nothing reached it, and after the request may have reached it only when
 * repeating the request is harmless ({@link #safeToRepeat}). Each instance is tried at most once per call; when
 * every instance is in quarantine they are all tried anyway, so a call is never refused without trying.
 */
final class UpstreamInstances {

    /** One try of the call on an instance; an answer of any status is a success. */
    @FunctionalInterface
    interface Attempt<T, E extends Exception> {
        T on(URI instance) throws E;
    }

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Logger log = LoggerFactory.getLogger(UpstreamInstances.class);

    private final String service;
    private final List<URI> instances;
    private final Duration quarantine;
    private final Clock clock;
    private final AtomicInteger turn = new AtomicInteger();
    /** Per instance (same index), the end of its quarantine; null when it is not in one. */
    private final AtomicReferenceArray<Instant> quarantinedUntil;

    UpstreamInstances(Upstream upstream, Duration quarantine, Clock clock) {
        this.service = upstream.service();
        this.instances = upstream.instances();
        this.quarantine = quarantine;
        this.clock = clock;
        this.quarantinedUntil = new AtomicReferenceArray<>(instances.size());
    }

    String service() {
        return service;
    }

    /**
     * Whether a request may be sent again after it may have reached an instance: the safe methods, and requests
     * with an {@code Idempotency-Key}, which the services answer once (orders and payments keep the first answer).
     */
    static boolean safeToRepeat(HttpMethod method, HttpHeaders headers) {
        return SAFE_METHODS.contains(method) || headers.containsHeader(IDEMPOTENCY_KEY);
    }

    /**
     * The attempt's answer from the first instance that gives one, trying the next in {@link #attemptOrder()} when
     * the failure allows it; otherwise the failure of the last attempt, unchanged.
     */
    <T, E extends Exception> T call(boolean safeToRepeat, Attempt<T, E> attempt) throws E {
        List<URI> order = attemptOrder();
        for (int i = 0; ; i++) {
            URI instance = order.get(i);
            try {
                T answer = attempt.on(instance);
                answered(instance);
                return answer;
            } catch (Exception e) {
                AttemptFailure failure = AttemptFailure.of(e);
                if (failure == AttemptFailure.NOT_CONNECTED) {
                    quarantine(instance);
                }
                boolean another = i + 1 < order.size()
                        && (failure == AttemptFailure.NOT_CONNECTED
                                || (failure == AttemptFailure.AFTER_CONNECTING && safeToRepeat));
                if (!another) {
                    throw e;
                }
                log.warn("{} at {} failed ({}), trying {}", service, instance, e, order.get(i + 1));
            }
        }
    }

    /**
     * Every instance once, for one call: first the next one in turn that is not in quarantine, then the other
     * instances out of quarantine in turn, then those in quarantine.
     */
    List<URI> attemptOrder() {
        int size = instances.size();
        if (size == 1) {
            return instances;
        }
        Instant now = clock.instant();
        int first = nextInTurn(now);
        var order = new ArrayList<URI>(size);
        var quarantined = new ArrayList<URI>(size);
        for (int i = 0; i < size; i++) {
            int index = (first + i) % size;
            (inQuarantine(index, now) ? quarantined : order).add(instances.get(index));
        }
        order.addAll(quarantined);
        return order;
    }

    /**
     * The next instance in turn that is not in quarantine, or simply the next when all are. Turns that land on an
     * instance in quarantine are used up, so the others keep sharing the calls evenly.
     */
    private int nextInTurn(Instant now) {
        int size = instances.size();
        int index = Math.floorMod(turn.getAndIncrement(), size);
        for (int skipped = 1; skipped < size && inQuarantine(index, now); skipped++) {
            index = Math.floorMod(turn.getAndIncrement(), size);
        }
        return index;
    }

    private boolean inQuarantine(int index, Instant now) {
        Instant until = quarantinedUntil.get(index);
        return until != null && now.isBefore(until);
    }

    private void quarantine(URI instance) {
        int index = instances.indexOf(instance);
        if (index >= 0 && instances.size() > 1) {
            quarantinedUntil.set(index, clock.instant().plus(quarantine));
        }
    }

    /** An instance that answered is healthy again, even if it had been tried as a last resort during quarantine. */
    private void answered(URI instance) {
        int index = instances.indexOf(instance);
        if (index >= 0 && quarantinedUntil.get(index) != null) {
            quarantinedUntil.set(index, null);
        }
    }
}
