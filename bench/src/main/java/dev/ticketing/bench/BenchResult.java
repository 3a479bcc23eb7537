package dev.ticketing.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one run measured: what bench.json holds and report.html shows.
 *
 * @param settings          the options of the run, spelled out
 * @param environment       machine, JVM, commit, load average before and after
 * @param completionSource  how final states were observed (nats, or polling and why)
 * @param windows           spread and hot, closed and open loop
 * @param baselines         the one-transaction bound per scenario
 * @param ratios            purchases/s of the closed loop ÷ the baseline's transactions/s, per scenario
 * @param flash             the flash sale, if it ran
 * @param deadLetters       dead letters parked during the run (must be none)
 * @param undrained         consumers still busy when the run gave up waiting (must be none)
 * @param targets           issue 7's targets against the figures
 * @param notes             what a reader must know to trust the figures (noise, fallbacks, skipped parts)
 */
record BenchResult(
        String startedAt,
        String finishedAt,
        Map<String, Object> settings,
        Map<String, Object> environment,
        String completionSource,
        List<WindowResult> windows,
        List<Baseline.Result> baselines,
        Map<String, Double> ratios,
        FlashSale.Result flash,
        List<DeadLetters.Letter> deadLetters,
        List<String> undrained,
        List<Targets.Target> targets,
        List<String> notes) {

    boolean failed() {
        return !deadLetters.isEmpty() || !undrained.isEmpty();
    }
}
