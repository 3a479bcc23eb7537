package dev.ticketing.bench;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Every purchase of one load window, and live counters for the progress line. Safe for any number of threads. */
final class Recorder implements Console.Gauge {

    private final ConcurrentLinkedQueue<PurchaseResult> results = new ConcurrentLinkedQueue<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong skipped = new AtomicLong();

    void started() {
        inFlight.incrementAndGet();
    }

    void finished(PurchaseResult result) {
        results.add(result);
        inFlight.decrementAndGet();
        (result.completed() ? completed : failed).incrementAndGet();
    }

    /** An arrival of the open loop that found every buyer busy: the client could not keep up, reported as such. */
    void skipped() {
        skipped.incrementAndGet();
    }

    List<PurchaseResult> results() {
        return List.copyOf(results);
    }

    @Override
    public long completed() {
        return completed.get();
    }

    @Override
    public String detail() {
        return "  in flight %4d  not completed %d%s"
                .formatted(
                        inFlight.get(), failed.get(), skipped.get() > 0 ? "  skipped arrivals " + skipped.get() : "");
    }

    long failed() {
        return failed.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    long skippedCount() {
        return skipped.get();
    }
}
