package dev.ticketing.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Purchases arriving at a fixed rate whatever the system does, as independent people would: latency at a given
 * load. Each purchase's latency counts from its scheduled arrival, so a client or system falling behind shows.
 */
final class OpenLoop {

    private OpenLoop() {}

    /** Starts purchases at {@code perSecond} from {@code start} until {@code end}, then lets them finish. */
    static void run(
            Purchases purchases,
            BuyerSlots buyers,
            Listings listings,
            double perSecond,
            long start,
            long end,
            Recorder recorder) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long due = start + (long) (i * 1e9 / perSecond);
                if (due >= end) {
                    break;
                }
                sleepUntil(due);
                int buyer = buyers.acquire();
                if (buyer < 0) {
                    recorder.skipped();
                    continue;
                }
                recorder.started();
                executor.submit(() -> {
                    try {
                        recorder.finished(purchases.buy(buyers.buyer(buyer), listings.next(), due));
                    } finally {
                        buyers.release(buyer);
                    }
                });
            }
        } // close() waits for the purchases in flight
    }

    static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
