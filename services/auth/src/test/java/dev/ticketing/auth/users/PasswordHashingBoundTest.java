package dev.ticketing.auth.users;

import static dev.ticketing.platform.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.auth.throttle.HashingBulkhead;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Password hashing is bounded: one computation at a time and one request waiting for it (a tiny bound), and
 * whatever does not fit is refused at once with 503 and {@code Retry-After}. The test takes the one permit itself
 * and fills the queue with a real request, so "full" is a state it sees, not a race it hopes to win.
 */
@ServiceTest
@TestPropertySource(
        properties = {
            "ticketing.auth.hashing-concurrency=1",
            "ticketing.auth.hashing-queue=1",
            "ticketing.auth.hashing-max-wait=10m"
        }) // a queued request waits as long as the test holds the permit
class PasswordHashingBoundTest {

    private static final String PASSWORD = "s3cret-password";
    private static final String UNAVAILABLE = "{\"errors\":[{\"message\":\"Service unavailable\"}]}";

    @LocalServerPort
    int port;

    @Autowired
    HashingBulkhead hashing;

    Http http;
    String email;
    private final CountDownLatch release = new CountDownLatch(1);
    /** Its own threads: the holder blocks one, and the common pool may have no second (2 cores). */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private CompletableFuture<Boolean> holder;

    @BeforeEach
    void aUser() {
        http = new Http(port);
        email = uniqueEmail();
        assertThat(signup(email).status()).isEqualTo(201);
    }

    @AfterEach
    void releaseThePermit() throws Exception {
        release.countDown();
        if (holder != null) {
            holder.get(30, TimeUnit.SECONDS);
        }
        threads.close();
    }

    @Test
    void whenHashingIsFullSignupSigninAndTokenAnswer503WithRetryAfter() throws Exception {
        takeThePermit();
        CompletableFuture<Http.Response> queued = CompletableFuture.supplyAsync(() -> signup(uniqueEmail()), threads);
        Poll.until("the signup waits for the permit", hashing::waiting, n -> n == 1);

        for (Http.Response refused : new Http.Response[] {
            signup(uniqueEmail()),
            signin(email),
            http.post("/api/users/token", null, json("email", email, "password", PASSWORD))
        }) {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.raw()).isEqualTo(UNAVAILABLE);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
        }

        release.countDown();
        assertThat(queued.get(30, TimeUnit.SECONDS).status())
                .as("the queued signup")
                .isEqualTo(201);
        assertThat(signup(uniqueEmail()).status()).isEqualTo(201);
    }

    @Test
    void aRequestWithinTheQueueWaitsForThePermitInsteadOfFailing() throws Exception {
        takeThePermit();
        CompletableFuture<Http.Response> queued = CompletableFuture.supplyAsync(() -> signin(email), threads);
        Poll.until("the signin waits for the permit", hashing::waiting, n -> n == 1);

        release.countDown();

        assertThat(queued.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void signinsRefusedForCapacityDoNotCountAsFailedAttempts() throws Exception {
        takeThePermit();
        CompletableFuture<Http.Response> queued = CompletableFuture.supplyAsync(() -> signup(uniqueEmail()), threads);
        Poll.until("the signup waits for the permit", hashing::waiting, n -> n == 1);
        for (int i = 0; i < 6; i++) { // more than the 5 failures per email that lead to 429
            assertThat(signin(email).status()).isEqualTo(503);
        }

        release.countDown();
        queued.get(30, TimeUnit.SECONDS);

        assertThat(signin(email).status()).isEqualTo(200);
    }

    /** Holds the only hashing permit until {@link #release} opens. */
    private void takeThePermit() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        holder = CompletableFuture.supplyAsync(
                () -> hashing.call(() -> {
                            held.countDown();
                            try {
                                return release.await(1, TimeUnit.MINUTES);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return false;
                            }
                        })
                        .orElseThrow(),
                threads);
        assertThat(held.await(30, TimeUnit.SECONDS))
                .as("the test holds the permit")
                .isTrue();
    }

    private Http.Response signup(String email) {
        return http.post("/api/users/signup", null, json("email", email, "password", PASSWORD));
    }

    private Http.Response signin(String email) {
        return http.post("/api/users/signin", null, json("email", email, "password", PASSWORD));
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
