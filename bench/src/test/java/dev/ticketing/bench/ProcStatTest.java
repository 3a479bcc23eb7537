package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void addsUpUserSystemAndReapedChildrenTime() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        // ...
        String line = "4242 (java) S 1 4242 4242 0 -1 4194560 8000 0 12 0 1500 250 30 7 20 0 40 0 123 4000000 5000";

        assertThat(ProcStat.processTicks(line)).isEqualTo(1500 + 250 + 30 + 7);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "77 (postgres: bench (x) idle) R 10 77 77 0 -1 0 0 0 0 0 11 22 33 44 20 0 1 0 5 6 7";

        assertThat(ProcStat.processTicks(line)).isEqualTo(11 + 22 + 33 + 44);
    }

    @Test
    void theMachineIsBusyExceptWhenIdleOrWaitingForIo() {
        String procStat = """
                cpu  100 5 50 1000 40 3 2 1 9 0
                cpu0 50 2 25 500 20 1 1 0 0 0
                intr 12345
                """;

        long[] ticks = ProcStat.machineTicks(procStat);

        // busy: user + nice + system + irq + softirq + steal; guest is already inside user
        assertThat(ticks).containsExactly(100 + 5 + 50 + 3 + 2 + 1, 100 + 5 + 50 + 1000 + 40 + 3 + 2 + 1);
    }

    @Test
    void aThreadsContextSwitchesAreItsVoluntaryAndInvoluntaryOnes() {
        String status = """
                Name:	java
                State:	S (sleeping)
                Threads:	1
                voluntary_ctxt_switches:	1200
                nonvoluntary_ctxt_switches:	34
                """;

        assertThat(ProcStat.contextSwitches(status)).isEqualTo(1234);
    }

    @Test
    void countsTheContextSwitchesOfAProcessAndItsTree() throws Exception {
        // a shell that waits for ten children one after the other: each wait puts its thread to sleep at least once
        Process shell = new ProcessBuilder(
                        "sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 0.01; done; exec sleep 30")
                .start();
        try {
            await(() -> ProcStat.switchesOfProcess(shell.pid()).orElse(0) >= 10);

            long process = ProcStat.switchesOfProcess(shell.pid()).orElseThrow();
            long tree = ProcStat.switchesOfTree(shell.pid()).orElseThrow(); // read second: the shell may still switch
            assertThat(tree).isGreaterThanOrEqualTo(process);
        } finally {
            shell.destroyForcibly().waitFor();
        }
        assertThat(ProcStat.switchesOfProcess(shell.pid())).isEmpty();
    }

    @Test
    void readsThisProcessAndItsTree() throws Exception {
        long self = ProcessHandle.current().pid();

        long process = ProcStat.ofProcess(self).orElseThrow();
        long tree = ProcStat.ofTree(self).orElseThrow(); // read second: this JVM keeps using CPU meanwhile

        assertThat(tree).isGreaterThanOrEqualTo(process);
        assertThat(ProcStat.ofProcess(Long.MAX_VALUE)).isEmpty();
        assertThat(ProcStat.machine()[1]).isPositive();
    }

    @Test
    void aTreeCountsTheTimeOfChildrenThatExited() throws Exception {
        // a shell that burns CPU in a child and waits for it: once reaped, the child's ticks are the shell's cutime
        Process shell = new ProcessBuilder(
                        "sh", "-c", "sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'; exec sleep 30")
                .start();
        try {
            await(() -> busyChild(shell));
            long during = 0;
            while (busyChild(shell)) {
                during = Math.max(during, ProcStat.ofTree(shell.pid()).orElse(0));
                Thread.sleep(20);
            }
            await(() -> ProcStat.ofProcess(shell.pid()).orElse(0) > 0); // exec'd sleep: now only cutime is left

            assertThat(during).as("the busy child's ticks while it ran").isPositive();
            assertThat(ProcStat.ofTree(shell.pid()).orElse(0)).isGreaterThanOrEqualTo(during);
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    private static boolean busyChild(Process shell) {
        return shell.children().anyMatch(c -> c.info().command().orElse("").endsWith("sh"));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
