package dev.ticketing.launcher;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: tests wait for what they need, never for a fixed time. */
final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Eventually() {}

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + DEADLINE);
            }
            Thread.sleep(10);
        }
    }
}
