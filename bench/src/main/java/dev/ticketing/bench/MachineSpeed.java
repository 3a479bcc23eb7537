package dev.ticketing.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much CPU time a fixed piece of work takes on this machine right now: the same work, timed with this thread's
 * own CPU clock every half second, in the background. Waiting for a core does not count, so what moves the figure is
 * how fast a core runs while it has us: other virtual machines on the same host, frequency, caches. The stack's
 * CPU per purchase moves with it, and runs minutes apart differ by a fifth on a shared host with no steal time in
 * {@code /proc/stat}; the probe tells a slower machine from a costlier purchase. Cumulative, like the process
 * ticks, so a window reads its mean from two snapshots.
 */
final class MachineSpeed {

    private static final Duration EVERY = Duration.ofMillis(500);
    private static final int KEYS = 2_000;
    private static final MachineSpeed INSTANCE = new MachineSpeed();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private volatile long checksum;

    private MachineSpeed() {
        Thread.ofPlatform().name("machine-speed").daemon().start(this::run);
    }

    /** The probe, running from the first call on. */
    static MachineSpeed get() {
        return INSTANCE;
    }

    /** Probes taken so far, and the CPU time they took: two snapshots give a window's mean. */
    record Reading(long probes, long cpuNanos) {}

    Reading read() {
        // cpuNanos first: a probe counted in between makes the mean a little low, never a division by a stale count
        long nanos = cpuNanos.get();
        return new Reading(probes.get(), nanos);
    }

    /** The mean CPU time of one probe between two readings, in microseconds; NaN when none ran in between. */
    static double microsPerProbe(Reading from, Reading to) {
        long count = to.probes() - from.probes();
        return count <= 0 ? Double.NaN : (to.cpuNanos() - from.cpuNanos()) / 1e3 / count;
    }

    private void run() {
        for (int i = 0; i < 200; i++) { // compiled before the first window needs it
            checksum += work();
        }
        while (true) {
            long before = threads.getCurrentThreadCpuTime();
            checksum += work();
            long took = threads.getCurrentThreadCpuTime() - before;
            cpuNanos.addAndGet(took);
            probes.incrementAndGet();
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Strings, hashing, a map and a sort: the kind of work the services do, and nothing a CPU has a special unit for. */
    static long work() {
        var map = new HashMap<String, Integer>(KEYS * 2);
        for (int i = 0; i < KEYS; i++) {
            map.put("listing-" + i + "-" + (i * 31), i);
        }
        long sum = 0;
        int[] values = new int[KEYS];
        for (int i = 0; i < KEYS; i++) {
            Integer value = map.get("listing-" + (KEYS - 1 - i) + "-" + ((KEYS - 1 - i) * 31));
            values[i] = value * 7919 % KEYS;
            sum += value;
        }
        Arrays.sort(values);
        return sum + values[KEYS / 2];
    }
}
