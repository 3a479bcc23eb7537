package dev.ticketing.auth.throttle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bound on password hashing (Argon2id: 19 MiB and tens of milliseconds of a core each): at most
 * {@code concurrency} computations run at once, at most {@code queue} requests wait for one of them, and none
 * waits longer than {@code maxWait}. Whatever does not fit is refused at once, so a flood of signups or signins
 * gets fast 503s instead of an ever longer queue that starves the CPU and every other request.
 */
public final class HashingBulkhead {

    /** What a refused caller is told to wait: a hash takes far less, so a second is plenty when the flood ebbs. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore permits;
    private final int queue;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    public HashingBulkhead(int concurrency, int queue, Duration maxWait) {
        if (concurrency < 1 || queue < 0) {
            throw new IllegalArgumentException("concurrency must be at least 1 and queue at least 0");
        }
        this.permits = new Semaphore(concurrency, true); // fair: the longest waiter goes first
        this.queue = queue;
        this.maxWait = maxWait;
    }

    /** The work's result, or empty when no permit was free in time (the work did not run). */
    public <T> Optional<T> call(Supplier<T> work) {
        if (!enter()) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            permits.release();
        }
    }

    /** Requests waiting for a permit right now (for metrics and tests). */
    public int waiting() {
        return waiting.get();
    }

    private boolean enter() {
        try {
            // a zero timeout, unlike tryAcquire(), respects fairness: no overtaking those already waiting
            if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (waiting.incrementAndGet() > queue) {
                waiting.decrementAndGet();
                return false;
            }
            try {
                return permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
