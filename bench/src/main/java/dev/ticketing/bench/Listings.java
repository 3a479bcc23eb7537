package dev.ticketing.bench;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Which listing the next purchase buys. */
interface Listings {

    /** The most units one listing may have (docs/api.md). */
    int MAX_UNITS = 10_000;

    String next();

    /** Every purchase picks one of many listings at random: contention on a listing row is rare. */
    static Listings spread(List<String> ids) {
        return () -> ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    /**
     * Every purchase buys the same listing. A listing holds at most 10,000 units, fewer than a fast run buys, so
     * when one is nearly sold out the next takes over: still one hot listing at any moment.
     */
    static Listings hot(List<String> ids) {
        // a margin for the purchases in flight when the counter passes the threshold
        long perListing = MAX_UNITS - 500;
        var taken = new AtomicLong();
        return () -> ids.get((int) Math.min(taken.getAndIncrement() / perListing, ids.size() - 1));
    }
}
