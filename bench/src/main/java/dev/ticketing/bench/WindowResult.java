package dev.ticketing.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one measured window of one scenario under one load.
 *
 * @param scenario            spread or hot
 * @param load                closed or open
 * @param concurrency         closed loop: purchases in flight (open loop: 0)
 * @param rate                open loop: arrivals per second (closed loop: 0)
 * @param listings            listings the purchases went to
 * @param warmupSeconds       load before the window, not measured
 * @param windowSeconds       the measured window
 * @param completed           purchases that completed (SUCCESS event received) inside the window
 * @param purchasesPerSecond  completed / windowSeconds
 * @param started             purchases due inside the window: their latencies are below
 * @param skipped             open loop: arrivals dropped because every buyer had purchases in flight
 * @param outcomes            final outcomes of the purchases started in the window, by outcome
 * @param failures            why purchases started in the window did not complete, by reason
 * @param payRetries          payments repeated after a 404 (order not yet known to payments)
 * @param create              latency of POST /api/orders (201 only)
 * @param pay                 latency of POST /api/payments (201 only)
 * @param payToComplete       from the payment's answer to the completion event (completed purchases)
 * @param cpu                 CPU seconds in the window
 * @param cpuMsPerPurchase    CPU milliseconds per completed purchase, by process, plus "stack" (all processes of
 *                            the stack) and "bench" (the load generator)
 * @param transactionsPerPurchase    transactions PostgreSQL ended for the services per completed purchase (NaN:
 *                                   unknown)
 * @param contextSwitchesPerPurchase context switches of the stack's threads per completed purchase (NaN: unknown)
 * @param completedPerSecond  completions in each second from the start of the warm-up (the chart)
 * @param distributions       create, pay and payToComplete as empirical distributions (the chart)
 */
record WindowResult(
        String scenario,
        String load,
        int concurrency,
        double rate,
        int listings,
        double warmupSeconds,
        double windowSeconds,
        long completed,
        double purchasesPerSecond,
        long started,
        long skipped,
        Map<String, Long> outcomes,
        Map<String, Long> failures,
        long payRetries,
        Stats.Summary create,
        Stats.Summary pay,
        Stats.Summary payToComplete,
        CpuMeter.Usage cpu,
        Map<String, Double> cpuMsPerPurchase,
        double transactionsPerPurchase,
        double contextSwitchesPerPurchase,
        List<Long> completedPerSecond,
        Map<String, List<Stats.Point>> distributions) {

    String label() {
        return load.equals("closed") ? scenario + " closed " + concurrency : scenario + " open %.1f/s".formatted(rate);
    }

    /** The window from {@code windowStart} to {@code windowEnd} ({@link System#nanoTime}) of a run begun at {@code runStart}. */
    static WindowResult of(
            Plan plan,
            List<PurchaseResult> results,
            long runStart,
            long windowStart,
            long windowEnd,
            long skipped,
            CpuMeter.Usage cpu) {
        Predicate<PurchaseResult> inWindow = r -> r.start() >= windowStart && r.start() < windowEnd;
        List<PurchaseResult> measured = results.stream().filter(inWindow).toList();
        long completed = results.stream()
                .filter(r -> r.completed() && r.finalAt() >= windowStart && r.finalAt() < windowEnd)
                .count();
        double seconds = (windowEnd - windowStart) / 1e9;

        var outcomes = new TreeMap<String, Long>();
        var failures = new TreeMap<String, Long>();
        long retries = 0;
        for (PurchaseResult r : measured) {
            if (r.outcome() != null) {
                outcomes.merge(r.outcome(), 1L, Long::sum);
            }
            if (r.failure() != null) {
                failures.merge(r.failure(), 1L, Long::sum);
            }
            retries += r.payRetries();
        }
        double[] create = samples(measured, PurchaseResult::orderCreated, PurchaseResult::createMillis);
        double[] pay = samples(measured, PurchaseResult::payAccepted, PurchaseResult::payMillis);
        double[] payToComplete = samples(measured, PurchaseResult::completed, PurchaseResult::payToCompleteMillis);

        var perPurchase = new LinkedHashMap<String, Double>();
        cpu.processes().forEach((name, s) -> perPurchase.put(name, perPurchase(s, completed)));
        perPurchase.put("stack", perPurchase(cpu.stack(), completed));
        perPurchase.put("bench", perPurchase(cpu.bench(), completed));

        var distributions = new LinkedHashMap<String, List<Stats.Point>>();
        distributions.put("create", Stats.distribution(create, 200));
        distributions.put("pay", Stats.distribution(pay, 200));
        distributions.put("payToComplete", Stats.distribution(payToComplete, 200));

        return new WindowResult(
                plan.scenario(),
                plan.load(),
                plan.concurrency(),
                plan.rate(),
                plan.listings(),
                (windowStart - runStart) / 1e9,
                seconds,
                completed,
                completed / seconds,
                measured.size(),
                skipped,
                outcomes,
                failures,
                retries,
                Stats.summary(create),
                Stats.summary(pay),
                Stats.summary(payToComplete),
                cpu,
                perPurchase,
                countPerPurchase(cpu.transactions(), completed),
                countPerPurchase(cpu.contextSwitches(), completed),
                timeline(results, runStart, windowEnd),
                distributions);
    }

    /** What was asked of a window. */
    record Plan(String scenario, String load, int concurrency, double rate, int listings) {}

    private static double perPurchase(double seconds, long completed) {
        return completed == 0 || seconds < 0 ? -1 : seconds * 1000 / completed;
    }

    /** A count of work per completed purchase; NaN when the count is unknown or nothing completed. */
    private static double countPerPurchase(long count, long completed) {
        return completed == 0 || count < 0 ? Double.NaN : count / (double) completed;
    }

    private static double[] samples(
            List<PurchaseResult> results, Predicate<PurchaseResult> which, ToDoubleFunction<PurchaseResult> value) {
        return results.stream().filter(which).mapToDouble(value).toArray();
    }

    private static List<Long> timeline(List<PurchaseResult> results, long runStart, long windowEnd) {
        int seconds = (int) Math.ceil((windowEnd - runStart) / 1e9);
        long[] bins = new long[Math.max(seconds, 1)];
        for (PurchaseResult r : results) {
            if (r.completed() && r.finalAt() >= runStart && r.finalAt() < windowEnd) {
                bins[(int) ((r.finalAt() - runStart) / 1_000_000_000L)]++;
            }
        }
        var list = new ArrayList<Long>();
        for (long bin : bins) {
            list.add(bin);
        }
        return list;
    }
}
