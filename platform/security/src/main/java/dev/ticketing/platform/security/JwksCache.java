package dev.ticketing.platform.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth public keys, kept through an auth outage (docs/decisions/0010).
 *
 * <ul>
 *   <li>Keys are answered from the last successful fetch. After {@code lifetime} they are stale: a request that
 *       finds its key still gets it at once, and starts a refresh in the background. Only a successful fetch
 *       replaces the keys; a failed one (auth down, frozen, answering errors or an empty set) keeps them.</li>
 *   <li>A key id that is not in the cache (a rotation, or a forgery), or no keys at all yet, fetches now and waits
 *       for that fetch at most {@code timeout}: the cached keys cannot answer that request anyway.</li>
 *   <li>Fetches are single-flight (concurrent callers share one) and start at most once per
 *       {@code minRefetchInterval}, whatever their reason, so tokens with random key ids cannot hammer auth and a
 *       stale cache retries a dead auth once per interval, not once per request.</li>
 * </ul>
 *
 * Time comes from the injected clock, so tests move it instead of sleeping.
 */
final class JwksCache implements JWKSource<SecurityContext> {

    /** Fetches the current key set; throws when it cannot. */
    @FunctionalInterface
    interface Fetcher {
        JWKSet fetch() throws Exception;
    }

    record Snapshot(JWKSet keys, Instant fetchedAt) {}

    /**
     * Before the first successful fetch there is nothing to fall back on and auth is most likely still starting,
     * so the next attempt may come sooner than {@code minRefetchInterval}.
     */
    static final Duration RETRY_WITHOUT_KEYS = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private final Fetcher fetcher;
    private final Executor background;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration minRefetchInterval;
    private final Duration timeout;

    private volatile Snapshot snapshot;
    private final Object lock = new Object();
    /** The fetch under way, if any. Guarded by {@link #lock}. */
    private CompletableFuture<Snapshot> inFlight;
    /** When the last fetch started. Guarded by {@link #lock}. */
    private Instant lastStart = Instant.MIN;

    JwksCache(
            Fetcher fetcher,
            Executor background,
            Clock clock,
            Duration lifetime,
            Duration minRefetchInterval,
            Duration timeout) {
        this.fetcher = fetcher;
        this.background = background;
        this.clock = clock;
        this.lifetime = lifetime;
        this.minRefetchInterval = minRefetchInterval;
        this.timeout = timeout;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        Snapshot current = snapshot;
        if (current != null) {
            if (!clock.instant().isBefore(current.fetchedAt().plus(lifetime))) {
                start(); // stale: refresh for later requests, answer this one from what we have
            }
            List<JWK> found = selector.select(current.keys());
            if (!found.isEmpty()) {
                return found;
            }
        }
        return awaitFetch().map(fresh -> selector.select(fresh.keys())).orElse(List.of());
    }

    /** When the keys were last fetched successfully, if ever. */
    Optional<Instant> fetchedAt() {
        return Optional.ofNullable(snapshot).map(Snapshot::fetchedAt);
    }

    /**
     * Starts a fetch (or joins the one under way) and waits for it at most {@code timeout}. When the rate limit
     * allows none, the keys are those of the last fetch: it may have ended after the caller last looked (the first
     * requests of a service race the first fetch, and one that saw no keys yet must still see what it brought).
     */
    Optional<Snapshot> awaitFetch() {
        Optional<CompletableFuture<Snapshot>> fetch = start();
        if (fetch.isEmpty()) {
            return Optional.ofNullable(snapshot); // rate limited: an unknown key stays unknown for now
        }
        try {
            return Optional.of(fetch.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty(); // logged by the fetch itself; the fetch goes on for later requests
        }
    }

    /** The fetch under way, a new one if the rate limit allows, or empty. Never waits. */
    private Optional<CompletableFuture<Snapshot>> start() {
        synchronized (lock) {
            if (inFlight != null) {
                return Optional.of(inFlight);
            }
            Instant now = clock.instant();
            Duration interval = snapshot == null && RETRY_WITHOUT_KEYS.compareTo(minRefetchInterval) < 0
                    ? RETRY_WITHOUT_KEYS
                    : minRefetchInterval;
            if (now.isBefore(lastStart.plus(interval))) {
                return Optional.empty();
            }
            lastStart = now;
            CompletableFuture<Snapshot> fetch = CompletableFuture.supplyAsync(this::fetch, background);
            inFlight = fetch;
            fetch.whenComplete((result, error) -> finished(fetch));
            return Optional.of(fetch);
        }
    }

    private void finished(CompletableFuture<Snapshot> fetch) {
        synchronized (lock) {
            if (inFlight == fetch) {
                inFlight = null;
            }
        }
    }

    private Snapshot fetch() {
        JWKSet keys;
        try {
            keys = fetcher.fetch();
        } catch (Exception e) {
            throw failed(e.toString());
        }
        if (keys.isEmpty()) {
            // auth always publishes its signing key; an empty set is a broken answer, not a revocation of all keys
            throw failed("the key set is empty");
        }
        Snapshot fresh = new Snapshot(keys, clock.instant());
        snapshot = fresh;
        return fresh;
    }

    private IllegalStateException failed(String reason) {
        Snapshot kept = snapshot;
        if (kept == null) {
            log.warn("Could not fetch the auth public keys ({}); access tokens cannot be verified yet", reason);
        } else {
            log.warn(
                    "Could not refresh the auth public keys ({}); still using the {} key(s) fetched at {}",
                    reason,
                    kept.keys().size(),
                    kept.fetchedAt());
        }
        return new IllegalStateException("JWKS fetch failed: " + reason);
    }
}
