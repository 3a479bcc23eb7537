package dev.ticketing.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The people of a run, ready before any measurement: signing up hashes a password with Argon2 (deliberately
 * slow and bounded by auth), which is no part of a purchase. Each person signs up once per data folder and gets a
 * Bearer token from {@code POST /api/users/token} for every run; tokens live 15 minutes, so a long run fetches them
 * again ({@link #refreshIfOlderThan}).
 *
 * <p>People are named {@code bench-<role>-<i>@example.com}, and {@code <data dir>/bench/people} records how many of
 * each role exist: the next run on the same data folder only fetches their tokens, one hash per person instead of
 * two (a default run needs about 300). Their wallets carry over; at 0.01 credits a purchase that lasts.
 */
final class Population {

    /** A person with a Bearer token. */
    record User(String email, String token) {}

    /** Everybody of a run. */
    record People(List<User> buyers, List<User> sellers) {}

    /**
     * Signups in flight at once: auth hashes 4 passwords at a time by default and refuses (503) what waits longer
     * than 2 s, so more would only be refused and retried.
     */
    static final int AT_ONCE = 4;

    private static final String PASSWORD = "bench password, not secret";
    private static final int ATTEMPTS = 30;

    private final Api api;
    private final Path registry;
    private long tokensIssuedAt;

    /** @param registry the file recording how many people of each role exist in the stack's data folder */
    Population(Api api, Path registry) {
        this.api = api;
        this.registry = registry;
    }

    /**
     * {@code count} people of a role with their tokens, the first {@code existing} of whom earlier runs signed up;
     * reports each one done.
     */
    private List<User> create(String role, int count, int existing, IntConsumer done) {
        var finished = new AtomicInteger();
        return parallel(count, i -> {
            String email = "bench-" + role + "-" + i + "@example.com";
            Optional<User> user = i < existing ? token(email) : Optional.empty();
            if (user.isEmpty()) {
                signUp(email);
                user = token(email);
            }
            done.accept(finished.incrementAndGet());
            return user.orElseThrow(() -> new IllegalStateException("No token for " + email + " after signing up"));
        });
    }

    private void signUp(String email) {
        Api.Response signup = retrying(() -> api.signup(email, PASSWORD));
        // "Email in use": an earlier run (or a first attempt whose answer was lost) signed this person up
        if (signup.status() != 201 && !signup.errorMessage().equals("Email in use")) {
            throw new IllegalStateException("Signup of " + email + " failed: " + signup.status() + " " + signup.body());
        }
    }

    /** {@code buyers} and {@code sellers} people, reporting progress as each is done. */
    People create(int buyers, int sellers, IntConsumer done) {
        tokensIssuedAt = System.nanoTime();
        Properties known = known();
        if (count(known, "buyer") > 0 && token("bench-buyer-0@example.com").isEmpty()) {
            // the record outlived the users (a data folder reset by hand): failed signins would only be throttled
            known = new Properties();
        }
        List<User> b = create("buyer", buyers, count(known, "buyer"), done);
        List<User> s = create("seller", sellers, count(known, "seller"), n -> done.accept(buyers + n));
        known.setProperty("buyer", Integer.toString(Math.max(buyers, count(known, "buyer"))));
        known.setProperty("seller", Integer.toString(Math.max(sellers, count(known, "seller"))));
        remember(known);
        return new People(b, s);
    }

    /** How many people the earlier runs on this data folder created, by role. */
    private Properties known() {
        var known = new Properties();
        if (Files.exists(registry)) {
            try (Reader reader = Files.newBufferedReader(registry)) {
                known.load(reader);
            } catch (IOException e) {
                return new Properties(); // unreadable: sign everybody up again ("Email in use" is handled)
            }
        }
        return known;
    }

    private void remember(Properties known) {
        try {
            Files.createDirectories(registry.getParent());
            try (Writer writer = Files.newBufferedWriter(registry)) {
                known.store(
                        writer, "People ./ticketing bench created in this data folder (bench-<role>-<i>@example.com)");
            }
        } catch (IOException e) {
            // only costs the next run the signups again
        }
    }

    private static int count(Properties known, String role) {
        try {
            return Integer.parseInt(known.getProperty(role, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Fresh tokens for everybody when the oldest are older than {@code age} (they expire after 15 minutes). */
    People refreshIfOlderThan(Duration age, People people) {
        if (System.nanoTime() - tokensIssuedAt < age.toNanos()) {
            return people;
        }
        tokensIssuedAt = System.nanoTime();
        List<User> b = people.buyers();
        List<User> s = people.sellers();
        return new People(
                parallel(b.size(), i -> tokenOf(b.get(i).email())),
                parallel(s.size(), i -> tokenOf(s.get(i).email())));
    }

    private User tokenOf(String email) {
        return token(email)
                .orElseThrow(() -> new IllegalStateException("Token for " + email + ": Invalid credentials"));
    }

    /** A token, or empty for {@code Invalid credentials} (nobody signed up with that email and password). */
    private Optional<User> token(String email) {
        Api.Response token = retrying(() -> api.token(email, PASSWORD));
        if (token.status() == 400 && token.errorMessage().equals("Invalid credentials")) {
            return Optional.empty();
        }
        if (token.status() != 200) {
            throw new IllegalStateException("Token for " + email + " failed: " + token.status() + " " + token.body());
        }
        return Optional.of(new User(email, token.json().path("accessToken").asString()));
    }

    /** 503 (hashing at capacity) and 429 (throttled) say "later": wait and try again, a bounded number of times. */
    private static Api.Response retrying(java.util.function.Supplier<Api.Response> call) {
        Api.Response response = call.get();
        for (int attempt = 1;
                attempt < ATTEMPTS && (response.status() == 503 || response.status() == 429 || response.status() == 0);
                attempt++) {
            sleep(Duration.ofMillis(250L * Math.min(attempt, 8)));
            response = call.get();
        }
        return response;
    }

    private interface Task<T> {
        T run(int index);
    }

    private static <T> List<T> parallel(int count, Task<T> task) {
        try (var pool = Executors.newFixedThreadPool(
                AT_ONCE, Thread.ofPlatform().daemon().name("population-", 0).factory())) {
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
