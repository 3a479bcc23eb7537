package dev.ticketing.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Buyers for the open loop, where purchases overlap freely: each buyer has at most {@link #PER_BUYER} purchases in
 * flight, below the limit of unpaid orders a buyer may hold (10), so no purchase is refused for that.
 */
final class BuyerSlots {

    static final int PER_BUYER = 4;

    private final List<Population.User> buyers;
    private final AtomicIntegerArray inFlight;
    private int cursor;

    BuyerSlots(List<Population.User> buyers) {
        this.buyers = buyers;
        this.inFlight = new AtomicIntegerArray(buyers.size());
    }

    /** A buyer index with a free slot, round robin, or -1 when all are busy. Called by one thread only. */
    int acquire() {
        for (int tried = 0; tried < buyers.size(); tried++) {
            int i = cursor;
            cursor = (cursor + 1) % buyers.size();
            int now = inFlight.get(i);
            if (now < PER_BUYER && inFlight.compareAndSet(i, now, now + 1)) {
                return i;
            }
        }
        return -1;
    }

    Population.User buyer(int index) {
        return buyers.get(index);
    }

    void release(int index) {
        inFlight.decrementAndGet(index);
    }
}
