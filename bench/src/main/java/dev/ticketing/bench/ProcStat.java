package dev.ticketing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * CPU time from Linux's {@code /proc}, in clock ticks ({@code getconf CLK_TCK}, 100 on every Linux we run on).
 * {@code /proc/<pid>/stat} has utime, stime (the process, all its threads) and cutime, cstime (its children that
 * have exited and been waited for); {@code /proc/stat} the whole machine's time by kind.
 */
final class ProcStat {

    static final int TICKS_PER_SECOND = 100;

    private ProcStat() {}

    /**
     * utime + stime + cutime + cstime of one {@code /proc/<pid>/stat} line. The command name in parentheses may
     * hold spaces and parentheses, so fields are counted after the last ')': state is field 3, utime field 14.
     */
    static long processTicks(String statLine) {
        String[] fields =
                statLine.substring(statLine.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return Long.parseLong(fields[11])
                + Long.parseLong(fields[12])
                + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }

    /** A process's ticks, or empty when it is gone. */
    static OptionalLong ofProcess(long pid) {
        try {
            return OptionalLong.of(processTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A process and every live descendant. PostgreSQL runs one process per connection: a backend that exits
     * during a window moves its time into the postmaster's cutime/cstime, so the sum over the tree counts every
     * tick once, whether the backend is still there at the end or not.
     */
    static OptionalLong ofTree(long pid) {
        return sumOverTree(pid, ProcStat::ofProcess);
    }

    /** {@code perProcess} of a process plus that of each live descendant; empty when the process is gone. */
    private static OptionalLong sumOverTree(long pid, LongFunction<OptionalLong> perProcess) {
        OptionalLong root = perProcess.apply(pid);
        if (root.isEmpty()) {
            return root;
        }
        long children = ProcessHandle.of(pid).stream()
                .flatMap(ProcessHandle::descendants)
                .mapToLong(child -> perProcess.apply(child.pid()).orElse(0))
                .sum();
        return OptionalLong.of(root.getAsLong() + children);
    }

    /**
     * The machine's busy and total ticks (all cores) from the first line of {@code /proc/stat}:
     * {@code cpu user nice system idle iowait irq softirq steal ...}; idle and iowait are not busy.
     */
    static long[] machineTicks(String procStat) {
        String line = procStat.lines()
                .filter(l -> l.startsWith("cpu "))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line in /proc/stat"));
        String[] fields = line.trim().split("\\s+");
        long total = 0;
        long idle = 0;
        // guest and guest_nice (fields 9, 10) are already counted in user and nice
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            long value = Long.parseLong(fields[i]);
            total += value;
            if (i == 4 || i == 5) {
                idle += value;
            }
        }
        return new long[] {total - idle, total};
    }

    /**
     * voluntary + involuntary context switches of one thread, from its {@code status} file: each is a thread put to
     * sleep or taken off its core, the wake-ups a purchase's hops cost whatever the machine's speed.
     */
    static long contextSwitches(String status) {
        long switches = 0;
        for (String line : status.lines().toList()) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return switches;
    }

    /** Context switches of every live thread of a process (a thread that ended is not counted), or empty. */
    static OptionalLong switchesOfProcess(long pid) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long sum = 0;
            for (Path task : tasks.toList()) {
                try {
                    sum += contextSwitches(Files.readString(task.resolve("status")));
                } catch (IOException e) { // the thread ended meanwhile
                }
            }
            return OptionalLong.of(sum);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** A process's and its live descendants' context switches (PostgreSQL's backends), or empty. */
    static OptionalLong switchesOfTree(long pid) {
        return sumOverTree(pid, ProcStat::switchesOfProcess);
    }

    static long[] machine() {
        try {
            return machineTicks(Files.readString(Path.of("/proc/stat")));
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }
}
