package dev.ticketing.web.ui.session;

import dev.ticketing.web.routing.Upstreams;
import dev.ticketing.web.ui.api.ApiFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Renews a session with auth's {@code POST /api/users/refresh}, once per refresh token (decision 21).
 *
 * <p>Auth rotates the refresh token on every use and treats a second use of the old one as theft, revoking the
 * whole family. A browser easily sends the old token twice: a page and a live update leave at the same moment
 * when the access token has just expired, or a poll leaves before the response that carried the new cookies
 * arrived. So the first request with a given token refreshes, every request with the same token in the next
 * {@link #REUSE_WINDOW} gets that same answer (and relays the same new cookies), and auth sees one use.
 * This holds within one web instance; across instances, a race ends the session (safely: the person signs in
 * again).
 */
@Component
class TokenRefresher {

    /** A renewed session, with the {@code Set-Cookie} headers auth answered (to be relayed to the browser). */
    record Renewed(List<String> setCookies) {}

    static final Duration REUSE_WINDOW = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

    private record Flight(Instant startedAt, CompletableFuture<Optional<Renewed>> answer) {}

    private final RestClient auth;
    private final Clock clock;
    private final ConcurrentHashMap<String, Flight> flights = new ConcurrentHashMap<>();

    TokenRefresher(RestClient.Builder builder, Upstreams upstreams, Clock clock) {
        // a refresh goes to another auth instance only when the first refused the connection (a POST without an
        // Idempotency-Key): auth must never see the same refresh token twice, or it revokes the session
        this.auth = builder.baseUrl(Upstreams.address("auth"))
                .requestInterceptor(upstreams.interceptor())
                .build();
        this.clock = clock;
    }

    /**
     * The renewed session, or empty when auth refused the token (expired, revoked, reused: the person must sign
     * in again).
     *
     * @throws ApiFailure 503 when auth could not be asked; the session is then left as it is
     */
    Optional<Renewed> refresh(String refreshToken, String clientAddress) {
        Instant now = clock.instant();
        flights.values().removeIf(f -> f.startedAt().plus(REUSE_WINDOW).isBefore(now));
        var mine = new Flight(now, new CompletableFuture<>());
        Flight flight = flights.putIfAbsent(key(refreshToken), mine);
        if (flight == null) {
            flight = mine;
            try {
                mine.answer().complete(ask(refreshToken, clientAddress));
            } catch (RuntimeException e) {
                // an outage is not an answer about this token: the next request may try again
                flights.remove(key(refreshToken), mine);
                mine.answer().completeExceptionally(e);
            }
        }
        try {
            return flight.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Optional<Renewed> ask(String refreshToken, String clientAddress) {
        try {
            return auth.post()
                    .uri("/api/users/refresh")
                    .header(HttpHeaders.COOKIE, SessionCookies.REFRESH + "=" + refreshToken)
                    .header("X-Forwarded-For", clientAddress)
                    .exchange((request, response) -> {
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return Optional.of(new Renewed(response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)));
                        }
                        if (response.getStatusCode().value() == 401) {
                            return Optional.<Renewed>empty();
                        }
                        log.warn(
                                "Refreshing a session failed: auth answered {}",
                                response.getStatusCode().value());
                        throw ApiFailure.unavailable();
                    });
        } catch (ApiFailure e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Refreshing a session failed: {}", e.toString());
            throw ApiFailure.unavailable();
        }
    }

    /** Flights are keyed by a hash of the token: the map has to recognise a token, not to keep it. */
    private static String key(String refreshToken) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
