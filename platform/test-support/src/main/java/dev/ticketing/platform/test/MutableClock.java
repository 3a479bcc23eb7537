package dev.ticketing.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand, for code that takes a {@link Clock}: lifetimes, windows and rate limits are
 * crossed by {@link #advance(Duration)} instead of by waiting. It starts at the real current instant so that
 * artefacts made with the real time (tokens, rows) still look current.
 */
public final class MutableClock extends Clock {

    private volatile Instant now = Instant.now();

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
