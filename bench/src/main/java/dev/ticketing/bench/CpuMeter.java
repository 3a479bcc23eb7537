package dev.ticketing.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * CPU seconds each process of the stack used during a window, the load generator's own (this JVM), and what
 * the whole machine used: on a shared machine the rest is other people's work, which the report shows as noise.
 * Also two counts of work that do not depend on how fast the machine runs: the stack's context switches and the
 * transactions PostgreSQL ended for the services.
 */
final class CpuMeter {

    /** Ticks at one moment. */
    record Snapshot(
            long nanos,
            Map<String, Long> processes,
            long bench,
            long machineBusy,
            long machineTotal,
            MachineSpeed.Reading probe,
            long contextSwitches,
            long transactions) {}

    /**
     * CPU seconds in a window.
     *
     * @param processes    per process of the stack (postgres: the postmaster and all its backends)
     * @param bench        the load generator
     * @param machineBusy  everything on the machine, all cores
     * @param others       machineBusy minus the stack and the bench: other work sharing the machine
     * @param probeMicros  CPU microseconds of {@link MachineSpeed}'s fixed work, the window's mean (NaN: none ran):
     *                     higher means every process got less done per CPU second
     * @param contextSwitches the stack's threads' context switches (-1: unknown, e.g. a process restarted)
     * @param transactions transactions PostgreSQL ended in the services' databases (-1: unknown)
     */
    record Usage(
            double seconds,
            Map<String, Double> processes,
            double stack,
            double bench,
            double machineBusy,
            double others,
            int cores,
            double probeMicros,
            long contextSwitches,
            long transactions) {

        /** Of the machine's capacity in the window, the part other work used (0 to 1). */
        double othersShare() {
            return seconds <= 0 ? 0 : others / (seconds * cores);
        }
    }

    private final Map<String, Long> pids;
    private final LongSupplier transactions;

    /** {@code transactions}: a counter of the services' PostgreSQL transactions, -1 when it cannot be read. */
    CpuMeter(Map<String, Long> pids, LongSupplier transactions) {
        this.pids = pids;
        this.transactions = transactions;
        MachineSpeed.get();
    }

    Snapshot snapshot() {
        var ticks = new LinkedHashMap<String, Long>();
        pids.forEach((name, pid) -> ticks.put(
                name, (name.equals(StackInfo.POSTGRES) ? ProcStat.ofTree(pid) : ProcStat.ofProcess(pid)).orElse(-1)));
        long switches = 0;
        for (var entry : pids.entrySet()) {
            long pid = entry.getValue();
            OptionalLong of = entry.getKey().equals(StackInfo.POSTGRES)
                    ? ProcStat.switchesOfTree(pid)
                    : ProcStat.switchesOfProcess(pid);
            switches = of.isEmpty() || switches < 0 ? -1 : switches + of.getAsLong();
        }
        long[] machine = ProcStat.machine();
        return new Snapshot(
                System.nanoTime(),
                ticks,
                ProcStat.ofProcess(ProcessHandle.current().pid()).orElse(0),
                machine[0],
                machine[1],
                MachineSpeed.get().read(),
                switches,
                transactions.getAsLong());
    }

    /** The usage between two snapshots; a process that restarted in between (pid gone) counts as -1 s. */
    static Usage between(Snapshot from, Snapshot to) {
        var processes = new LinkedHashMap<String, Double>();
        double stack = 0;
        for (var entry : from.processes().entrySet()) {
            long before = entry.getValue();
            long after = to.processes().getOrDefault(entry.getKey(), -1L);
            double seconds = before < 0 || after < 0 ? -1 : seconds(after - before);
            processes.put(entry.getKey(), seconds);
            stack += Math.max(0, seconds);
        }
        double bench = seconds(to.bench() - from.bench());
        double machine = seconds(to.machineBusy() - from.machineBusy());
        return new Usage(
                (to.nanos() - from.nanos()) / 1e9,
                processes,
                stack,
                bench,
                machine,
                Math.max(0, machine - stack - bench),
                Runtime.getRuntime().availableProcessors(),
                MachineSpeed.microsPerProbe(from.probe(), to.probe()),
                difference(from.contextSwitches(), to.contextSwitches()),
                difference(from.transactions(), to.transactions()));
    }

    /** A counter's growth; -1 when either reading is unknown or it went back (a process restarted). */
    private static long difference(long from, long to) {
        return from < 0 || to < from ? -1 : to - from;
    }

    private static double seconds(long ticks) {
        return ticks / (double) ProcStat.TICKS_PER_SECOND;
    }
}
