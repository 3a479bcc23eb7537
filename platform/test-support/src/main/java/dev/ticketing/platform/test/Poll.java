package dev.ticketing.platform.test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for an asynchronous outcome in a test: check often, give up at a deadline, never sleep-and-hope.
 *
 * <p>{@link #until(BooleanSupplier, Duration)} answers whether the condition came true, for the test to assert;
 * {@link #until(String, Duration, BooleanSupplier)} fails the test itself when it does not, and the probing forms
 * ({@link #until(Duration, Supplier, Predicate)}) return the value that satisfied the condition and fail the test
 * with the last value seen when none did.
 */
public final class Poll {

    /** The deadline of {@link #until(String, Supplier, Predicate)}: generous, since a pass returns at once. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private Poll() {}

    /** Waits until the condition holds; false if it still does not at the deadline. */
    public static boolean until(BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Waits until the condition holds; an {@link AssertionError} naming {@code what} if it does not in time. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition::getAsBoolean, holds -> holds);
    }

    /** Probes until the value is done and returns it; an {@link AssertionError} with the last value otherwise. */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        return until("condition", timeout, probe, done);
    }

    /** As {@link #until(Duration, Supplier, Predicate)} within {@link #DEFAULT_TIMEOUT}; {@code what} names it. */
    public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        return until(what, DEFAULT_TIMEOUT, probe, done);
    }

    /** Probes until the value is done and returns it; {@code what} names the wait in the failure message. */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what + "; last: " + value);
            }
            pause();
            value = probe.get();
        }
        return value;
    }

    /** Watches the condition until the instant; true if it never held (an absence observed, not assumed). */
    public static boolean neverUntil(BooleanSupplier condition, Instant end) {
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return false;
            }
            pause();
        }
        return !condition.getAsBoolean();
    }

    /** Waits until the clock has passed the instant (waiting for time itself, e.g. a deadline while down). */
    public static void past(Instant instant) {
        while (!Instant.now().isAfter(instant)) {
            pause();
        }
    }

    /** One polling interval. */
    public static void pause() {
        try {
            Thread.sleep(INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while polling", e);
        }
    }
}
