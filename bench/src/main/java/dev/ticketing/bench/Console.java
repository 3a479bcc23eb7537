package dev.ticketing.bench;

import java.io.PrintStream;
import java.time.Duration;

/** What the bench prints while it runs: steps, and a progress line every few seconds of load. */
final class Console {

    private final PrintStream out;
    private final Duration interval;

    Console(PrintStream out, Duration interval) {
        this.out = out;
        this.interval = interval;
    }

    void say(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }

    /** What a progress line shows: a running count of completed work, and anything else worth a glance. */
    interface Gauge {

        long completed();

        default String detail() {
            return "";
        }
    }

    /** Stops a progress line. */
    interface Progress {
        void stop();
    }

    /** Prints the state of a load window every {@link #interval} until stopped. */
    Progress progress(String label, Gauge gauge, long start, long windowStart, long windowEnd) {
        Thread printer = Thread.ofPlatform().daemon().name("progress").start(() -> {
            long lastCompleted = 0;
            long lastAt = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                long completed = gauge.completed();
                double rate = (completed - lastCompleted) / ((now - lastAt) / 1e9);
                lastCompleted = completed;
                lastAt = now;
                String phase = now < windowStart
                        ? "warm-up %2.0f/%.0f s".formatted((now - start) / 1e9, (windowStart - start) / 1e9)
                        : now < windowEnd
                                ? "measure %2.0f/%.0f s"
                                        .formatted((now - windowStart) / 1e9, (windowEnd - windowStart) / 1e9)
                                : "finishing";
                say("  %-16s %-17s completed %6d  %7.1f/s%s", label, phase, completed, rate, gauge.detail());
            }
        });
        return printer::interrupt;
    }
}
