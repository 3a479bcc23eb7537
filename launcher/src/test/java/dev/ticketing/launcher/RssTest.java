package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RssTest {

    @Test
    void readsTheResidentMemoryOfAProcess() {
        assertThat(Rss.of(ProcessHandle.current().pid()).orElseThrow()).isGreaterThan(10L * 1024 * 1024);
    }

    @Test
    void addsUpAProcessTreeCountingWhatItSharesOnce() throws Exception {
        // a shell waiting for one sleeping child: neither allocates, so their RSS stays put while we read it
        Process shell = new ProcessBuilder("sh", "-c", "sleep 600 & wait").start();
        try {
            ProcessHandle child = awaitChild(shell);

            // A proportional size divides each shared page by the processes that map it at that moment: any
            // process starting or ending elsewhere on the machine changes it. So the tree's figure is compared with
            // the two processes' own figures read just before and just after it, in a moment when those agree.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            long before;
            long tree;
            long after;
            do {
                before = proportionalSum(shell.pid(), child.pid());
                tree = Rss.ofTree(shell.pid()).orElseThrow();
                after = proportionalSum(shell.pid(), child.pid());
            } while (before != after && System.nanoTime() < deadline);

            // both map the same C library (as does every process here): summed RSS counts those pages twice
            long residentSum =
                    Rss.of(shell.pid()).orElseThrow() + Rss.of(child.pid()).orElseThrow();
            assertThat(before).as("a quiet moment to compare in").isEqualTo(after);
            assertThat(tree).isPositive().isLessThan(residentSum).isEqualTo(before);
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    private static long proportionalSum(long... pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += Rss.proportional(pid).orElseThrow();
        }
        return sum;
    }

    @Test
    void aGoneProcessHasNone() {
        assertThat(Rss.of(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void parsesAndFormats() {
        assertThat(Rss.parseKb("VmRSS:\t  202024 kB")).isEqualTo(202024);
        assertThat(Rss.format(150L * 1024 * 1024)).isEqualTo("150 MiB");
        assertThat(Rss.format(1536L * 1024 * 1024)).isEqualTo("1.50 GiB");
    }

    private static ProcessHandle awaitChild(Process shell) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<ProcessHandle> children = shell.children().toList();
            if (!children.isEmpty()
                    && Rss.of(children.getFirst().pid()).isPresent()
                    && children.getFirst()
                            .info()
                            .command()
                            .map(c -> c.endsWith("sleep"))
                            .orElse(false)) {
                return children.getFirst();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the shell started no child");
    }
}
