package dev.ticketing.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed number of buyers, each starting its next purchase as soon as the last is final: the system's
 * throughput at that concurrency. Latencies rise with queueing, so they are not latencies "at a load".
 */
final class ClosedLoop {

    private ClosedLoop() {}

    /** Runs until {@code end} ({@link System#nanoTime}), then lets the purchases in flight finish. */
    static void run(
            Purchases purchases,
            List<Population.User> buyers,
            Listings listings,
            int concurrency,
            long end,
            Recorder recorder)
            throws InterruptedException {
        if (buyers.size() < concurrency) {
            throw new IllegalArgumentException("fewer buyers than purchases in flight");
        }
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < concurrency; w++) {
            Population.User buyer = buyers.get(w);
            workers.add(Thread.ofVirtual().name("closed-", w).start(() -> {
                while (System.nanoTime() < end) {
                    recorder.started();
                    recorder.finished(purchases.buy(buyer, listings.next(), System.nanoTime()));
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
