package dev.ticketing.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: the alternative to sleep-and-hope. */
final class Eventually {

    private Eventually() {}

    /** Returns the first value accepted by {@code done}, or fails with the last value seen. */
    static <T> T await(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        RuntimeException lastError = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            pause();
        }
        var failure = new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last: " + last);
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }

    /** Waits until the clock has passed the instant: waiting for time itself, e.g. for a cache to go stale. */
    static void past(Instant instant) {
        while (!Instant.now().isAfter(instant)) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
