package dev.ticketing.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The people of a run, created before any measurement: signing up hashes a password with Argon2 (deliberately
 * slow and bounded by auth), which is no part of a purchase. Each person signs up once and gets a Bearer token
 * from {@code POST /api/users/token}; tokens live 15 minutes, so a long run fetches them again
 * ({@link #refreshIfOlderThan}).
 */
final class Population {

    /** A person with a Bearer token. */
    record User(String email, String token) {
    }

    /** Everybody of a run. */
    record People(List<User> buyers, List<User> sellers) {
    }

    /**
     * Signups in flight at once: auth hashes 4 passwords at a time by default and refuses (503) what waits longer
     * than 2 s, so more would only be refused and retried.
     */
    static final int AT_ONCE = 4;
    private static final String PASSWORD = "bench password, not secret";
    private static final int ATTEMPTS = 30;

    private final Api api;
    private final String runId;
    private long tokensIssuedAt;

    Population(Api api, String runId) {
        this.api = api;
        this.runId = runId;
    }

    /** Signs up {@code count} people named {@code role-i} and fetches their tokens; reports each one done. */
    private List<User> create(String role, int count, IntConsumer done) {
        var finished = new AtomicInteger();
        return parallel(count, i -> {
            String email = "bench-" + runId + "-" + role + "-" + i + "@example.com";
            Api.Response signup = retrying(() -> api.signup(email, PASSWORD));
            // "Email in use" after a retry: the first attempt got through although its answer was lost
            if (signup.status() != 201 && !signup.errorMessage().equals("Email in use")) {
                throw new IllegalStateException("Signup of " + email + " failed: " + signup.status() + " " + signup.body());
            }
            User user = tokenOf(email);
            done.accept(finished.incrementAndGet());
            return user;
        });
    }

    /** {@code buyers} and {@code sellers} people, reporting progress as each is done. */
    People create(int buyers, int sellers, IntConsumer done) {
        tokensIssuedAt = System.nanoTime();
        List<User> b = create("buyer", buyers, done);
        List<User> s = create("seller", sellers, n -> done.accept(buyers + n));
        return new People(b, s);
    }

    /** Fresh tokens for everybody when the oldest are older than {@code age} (they expire after 15 minutes). */
    People refreshIfOlderThan(Duration age, People people) {
        if (System.nanoTime() - tokensIssuedAt < age.toNanos()) {
            return people;
        }
        tokensIssuedAt = System.nanoTime();
        List<User> b = people.buyers();
        List<User> s = people.sellers();
        return new People(parallel(b.size(), i -> tokenOf(b.get(i).email())),
                parallel(s.size(), i -> tokenOf(s.get(i).email())));
    }

    private User tokenOf(String email) {
        Api.Response token = retrying(() -> api.token(email, PASSWORD));
        if (token.status() != 200) {
            throw new IllegalStateException("Token for " + email + " failed: " + token.status() + " " + token.body());
        }
        return new User(email, token.json().path("accessToken").asString());
    }

    /** 503 (hashing at capacity) and 429 (throttled) say "later": wait and try again, a bounded number of times. */
    private static Api.Response retrying(java.util.function.Supplier<Api.Response> call) {
        Api.Response response = call.get();
        for (int attempt = 1; attempt < ATTEMPTS && (response.status() == 503 || response.status() == 429
                || response.status() == 0); attempt++) {
            sleep(Duration.ofMillis(250L * Math.min(attempt, 8)));
            response = call.get();
        }
        return response;
    }

    private interface Task<T> {
        T run(int index);
    }

    private static <T> List<T> parallel(int count, Task<T> task) {
        try (var pool = Executors.newFixedThreadPool(AT_ONCE, Thread.ofPlatform().daemon().name("population-", 0).factory())) {
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index)));
            }
            var results = new ArrayList<T>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return List.copyOf(results);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
