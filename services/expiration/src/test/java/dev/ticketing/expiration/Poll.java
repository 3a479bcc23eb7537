package dev.ticketing.expiration;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting for an asynchronous outcome: check often, give up at a deadline, never sleep-and-hope. */
final class Poll {

    private Poll() {
    }

    /** Waits until the condition holds; false if it still does not at the deadline. */
    static boolean until(BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** Watches the condition until the instant; true if it never held (an absence observed, not assumed). */
    static boolean neverUntil(BooleanSupplier condition, Instant end) {
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return false;
            }
            pause();
        }
        return !condition.getAsBoolean();
    }

    /** Waits until the clock has passed the instant (waiting for time itself, e.g. a deadline while down). */
    static void past(Instant instant) {
        while (!Instant.now().isAfter(instant)) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
