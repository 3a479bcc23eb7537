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

            long tree = Rss.ofTree(shell.pid()).orElseThrow();

            // both map the same C library (as does every process here): summed RSS counts those pages twice
            long residentSum =
                    Rss.of(shell.pid()).orElseThrow() + Rss.of(child.pid()).orElseThrow();
            assertThat(tree)
                    .isPositive()
                    .isLessThan(residentSum)
                    .isEqualTo(Rss.proportional(shell.pid()).orElseThrow()
                            + Rss.proportional(child.pid()).orElseThrow());
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
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
