package dev.ticketing.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One scenario under one load: a warm-up, the measured window (CPU read at both ends), then the purchases in
 * flight finish (their latencies count; completions after the window do not count as its throughput).
 */
final class LoadWindow {

    private final Purchases purchases;
    private final CpuMeter cpu;
    private final Console console;

    LoadWindow(Purchases purchases, CpuMeter cpu, Console console) {
        this.purchases = purchases;
        this.cpu = cpu;
        this.console = console;
    }

    WindowResult closed(
            String scenario,
            List<Population.User> buyers,
            Listings listings,
            int listingCount,
            int concurrency,
            Duration warmup,
            Duration duration) {
        var plan = new WindowResult.Plan(scenario, "closed", concurrency, 0, listingCount);
        return run(
                plan,
                warmup,
                duration,
                (recorder, start, end) -> ClosedLoop.run(purchases, buyers, listings, concurrency, end, recorder));
    }

    WindowResult open(
            String scenario,
            BuyerSlots buyers,
            Listings listings,
            int listingCount,
            double rate,
            Duration warmup,
            Duration duration) {
        var plan = new WindowResult.Plan(scenario, "open", 0, rate, listingCount);
        return run(
                plan,
                warmup,
                duration,
                (recorder, start, end) -> OpenLoop.run(purchases, buyers, listings, rate, start, end, recorder));
    }

    private interface Driver {
        void drive(Recorder recorder, long start, long end) throws InterruptedException;
    }

    private WindowResult run(WindowResult.Plan plan, Duration warmup, Duration duration, Driver driver) {
        var recorder = new Recorder();
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + duration.toNanos();
        var failure = new AtomicReference<Throwable>();
        Thread load = Thread.ofPlatform().name("load-" + plan.scenario()).start(() -> {
            try {
                driver.drive(recorder, start, windowEnd);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        String label = plan.scenario() + " " + plan.load();
        var progress = console.progress(label, recorder, start, windowStart, windowEnd);
        OpenLoop.sleepUntil(windowStart);
        CpuMeter.Snapshot from = cpu.snapshot();
        OpenLoop.sleepUntil(windowEnd);
        CpuMeter.Snapshot to = cpu.snapshot();
        try {
            load.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            progress.stop();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The " + label + " load failed", failure.get());
        }
        return WindowResult.of(
                plan,
                recorder.results(),
                start,
                windowStart,
                windowEnd,
                recorder.skippedCount(),
                CpuMeter.between(from, to));
    }
}
