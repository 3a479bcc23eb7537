package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowResultTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final CpuMeter.Usage CPU =
            new CpuMeter.Usage(10, Map.of("orders", 2.0, "postgres", 1.0), 3.0, 0.5, 5.0, 1.5, 2, 850.0, 500, 31);

    /** A purchase due at {@code start} that completed: create 10 ms, pay 20 ms, completion 30 ms later. */
    private static PurchaseResult completed(long start) {
        return new PurchaseResult(
                start, start + 10 * MS, start + 11 * MS, start + 31 * MS, 201, start + 61 * MS, "SUCCESS", null, 0);
    }

    @Test
    void latenciesAreOfPurchasesDueInTheWindowAndThroughputOfCompletionsInIt() {
        long run = 1_000 * S;
        long windowStart = run + 2 * S;
        long windowEnd = windowStart + 10 * S;
        var results = List.of(
                completed(run + S), // warm-up: neither latency nor throughput
                completed(windowStart - 40 * MS), // due in the warm-up, completes in the window: throughput only
                completed(windowStart + S),
                completed(windowEnd - 20 * MS), // due in the window, completes after it: latency only
                new PurchaseResult(
                        windowStart + 2 * S,
                        windowStart + 2 * S + 5 * MS,
                        0,
                        0,
                        0,
                        0,
                        null,
                        "create 400 Ticket is already reserved",
                        0));

        WindowResult w = WindowResult.of(
                new WindowResult.Plan("spread", "closed", 16, 0, 50), results, run, windowStart, windowEnd, 0, CPU);

        assertThat(w.started()).isEqualTo(3);
        assertThat(w.completed()).isEqualTo(2);
        assertThat(w.purchasesPerSecond()).isEqualTo(0.2);
        assertThat(w.create().count()).isEqualTo(2);
        assertThat(w.create().p50()).isEqualTo(10);
        assertThat(w.pay().p99()).isEqualTo(20);
        assertThat(w.payToComplete().max()).isEqualTo(30);
        assertThat(w.failures()).containsExactly(Map.entry("create 400 Ticket is already reserved", 1L));
        assertThat(w.outcomes()).containsExactly(Map.entry("SUCCESS", 2L));
        assertThat(w.cpuMsPerPurchase())
                .containsEntry("orders", 1000.0)
                .containsEntry("stack", 1500.0)
                .containsEntry("bench", 250.0);
        assertThat(w.transactionsPerPurchase()).isEqualTo(15.5);
        assertThat(w.contextSwitchesPerPurchase()).isEqualTo(250.0);
        assertThat(w.completedPerSecond()).hasSize(12);
        assertThat(w.completedPerSecond().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(3);
        assertThat(w.warmupSeconds()).isEqualTo(2);
        assertThat(w.label()).isEqualTo("spread closed 16");
    }

    @Test
    void anUnknownCountOfWorkIsLeftOutRatherThanDividedThrough() {
        var unknown = new CpuMeter.Usage(10, Map.of(), 3.0, 0.5, 5.0, 1.5, 2, 850.0, -1, -1);

        WindowResult w = WindowResult.of(
                new WindowResult.Plan("spread", "closed", 16, 0, 50), List.of(completed(S)), 0, 0, 10 * S, 0, unknown);

        assertThat(w.completed()).isEqualTo(1);
        assertThat(w.transactionsPerPurchase()).isNaN();
        assertThat(w.contextSwitchesPerPurchase()).isNaN();
    }

    @Test
    void anEventOvertakingThePaymentsAnswerCountsAsNoWait() {
        var early = new PurchaseResult(0, 10 * MS, 11 * MS, 50 * MS, 201, 40 * MS, "SUCCESS", null, 0);

        assertThat(early.payToCompleteMillis()).isZero();
    }

    @Test
    void noCompletionsMeanNoCpuPerPurchase() {
        WindowResult w = WindowResult.of(new WindowResult.Plan("hot", "open", 0, 5, 1), List.of(), 0, S, 2 * S, 3, CPU);

        assertThat(w.cpuMsPerPurchase()).containsEntry("stack", -1.0);
        assertThat(w.transactionsPerPurchase()).isNaN();
        assertThat(w.skipped()).isEqualTo(3);
        assertThat(w.label()).isEqualTo("hot open 5.0/s");
    }
}
