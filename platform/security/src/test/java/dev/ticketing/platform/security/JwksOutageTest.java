package dev.ticketing.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.MutableClock;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.TestJwtIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auth public keys survive an auth outage longer than their cache lifetime. Time is a clock the test moves;
 * the JWKS timeout is an hour, so a request that waited on the frozen auth would never come back (the HTTP client
 * gives up after {@link #REQUEST_TIMEOUT} and the test fails) rather than come back late.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ticketing.security.jwks-cache-ttl=5m",
            "ticketing.security.jwks-min-refetch-interval=30s",
            "ticketing.security.jwks-timeout=1h"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD) // every test starts with no keys
class JwksOutageTest {

    private static final TestJwtIssuer ISSUER = new TestJwtIssuer();
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        @Bean
        MutableClock clock() {
            return new MutableClock();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    /** Read only to see when a background refresh has landed. */
    @Autowired
    JwksCache cache;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("ticketing.security.jwks-url", ISSUER::jwksUrl);
    }

    @BeforeEach
    void keysAreCached() {
        assertThat(status(token())).isEqualTo(200);
    }

    @AfterEach
    void authIsBack() {
        ISSUER.recover();
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void knownKeysKeepVerifyingWhileAuthIsFrozenLongerThanTheCacheLifetime() throws Exception {
        int fetches = ISSUER.jwksRequests();
        ISSUER.freeze();

        for (int minute = 0; minute < 10; minute++) {
            clock.advance(LIFETIME.plusMinutes(1));
            assertThat(status(token())).as("after %d stale minutes", minute).isEqualTo(200);
        }

        // the first stale request started one background refresh, which hangs on the frozen auth; the requests
        // after it neither waited for it nor started another
        Poll.until("the background refresh reached auth", () -> ISSUER.jwksRequests(), n -> n == fetches + 1);
        assertThat(status(token())).isEqualTo(200);
        assertThat(ISSUER.jwksRequests()).isEqualTo(fetches + 1);
    }

    @Test
    void aFailedRefreshKeepsTheKeys() throws Exception {
        int fetches = ISSUER.jwksRequests();
        ISSUER.failJwks();
        clock.advance(LIFETIME.plusMinutes(1));

        assertThat(status(token())).isEqualTo(200);
        Poll.until("a refresh reached auth", () -> ISSUER.jwksRequests(), n -> n == fetches + 1);

        // a second refresh starts only once the first one is over (single flight), so once auth has seen it the
        // first one has failed; the cached keys must answer throughout and after
        clock.advance(MIN_REFETCH_INTERVAL);
        Poll.until(
                "a second refresh reached auth",
                () -> {
                    assertThat(status(token())).isEqualTo(200);
                    return ISSUER.jwksRequests();
                },
                n -> n == fetches + 2);
        assertThat(status(token())).isEqualTo(200);
    }

    @Test
    void anUnknownKidIsFetchedOnceAuthIsBack() throws Exception {
        Instant cachedAt = cache.fetchedAt().orElseThrow();
        ISSUER.freeze();
        clock.advance(LIFETIME.plusMinutes(1));
        assertThat(status(token())).isEqualTo(200);

        ISSUER.recover();
        Poll.until(
                "the refresh that waited on the frozen auth is in",
                () -> cache.fetchedAt().orElseThrow(),
                at -> at.isAfter(cachedAt));
        String rotatedKid = ISSUER.rotate();
        int fetches = ISSUER.jwksRequests();
        clock.advance(MIN_REFETCH_INTERVAL);

        String token = token();
        assertThat(token).satisfies(t -> assertThat(kidOf(t)).isEqualTo(rotatedKid));
        assertThat(status(token)).isEqualTo(200);
        assertThat(ISSUER.jwksRequests()).isEqualTo(fetches + 1);
    }

    @Test
    void aFloodOfUnknownKidsFetchesAtMostOncePerInterval() throws Exception {
        int fetches = ISSUER.jwksRequests();
        clock.advance(MIN_REFETCH_INTERVAL);

        List<Integer> statuses =
                concurrently(20, () -> status(ISSUER.tokenWithUnknownKid("u1", "a@b.c", clock.instant())));
        for (int i = 0; i < 20; i++) {
            statuses.add(status(ISSUER.tokenWithUnknownKid("u1", "a@b.c", clock.instant())));
        }

        assertThat(statuses).containsOnly(401);
        assertThat(ISSUER.jwksRequests()).isEqualTo(fetches + 1);
        assertThat(status(token())).isEqualTo(200);
    }

    private static String kidOf(String token) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private String token() {
        return ISSUER.token("u1", "a@b.c", clock.instant());
    }

    /** The status of a protected route called with the token. */
    private int status(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/things/mine"))
                .header("Authorization", "Bearer " + token)
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> concurrently(int callers, Callable<Integer> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
