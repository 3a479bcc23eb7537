package dev.ticketing.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The targets of issue 7 next to what a run measured. They are figures to read, not assertions: only dead letters
 * fail a run.
 */
final class Targets {

    /** One target: what, the goal, the measured value and a verdict (met, missed, or n/a with why). */
    record Target(String what, String goal, String value, String verdict) {}

    static final double RATIO_REQUIRED = 0.10;
    static final double RATIO_AIMED = 0.25;
    static final double CPU_MS_PER_PURCHASE = 8;
    static final double P99_CREATE_PAY_MS = 50;
    static final double P99_PAY_TO_COMPLETE_MS = 150;
    static final double FLASH_FINAL_SECONDS = 10;

    private Targets() {}

    static List<Target> evaluate(
            List<WindowResult> windows,
            Map<String, Double> ratios,
            boolean rateGiven,
            Optional<FlashSale.Result> flash,
            int newDeadLetters) {
        var targets = new ArrayList<Target>();
        for (var ratio : ratios.entrySet()) {
            double r = ratio.getValue();
            targets.add(new Target(
                    "ratio to the one-transaction bound, " + ratio.getKey(),
                    "≥ %.2f required, ≥ %.2f aimed".formatted(RATIO_REQUIRED, RATIO_AIMED),
                    "%.3f".formatted(r),
                    r >= RATIO_AIMED ? "met (aim)" : r >= RATIO_REQUIRED ? "met (required), aim missed" : "missed"));
        }
        for (WindowResult w : windows) {
            double cpu = w.cpuMsPerPurchase().getOrDefault("stack", -1.0);
            if (w.load().equals("closed")) {
                targets.add(new Target(
                        "CPU per purchase, all processes, " + w.label(),
                        "≤ 8 ms",
                        cpu < 0 ? "-" : "%.1f ms".formatted(cpu),
                        cpu < 0 ? "n/a" : verdict(cpu <= CPU_MS_PER_PURCHASE)));
            } else {
                String at = rateGiven
                        ? " at %.1f/s (--rate)".formatted(w.rate())
                        : " at half the maximum rate (%.1f/s)".formatted(w.rate());
                targets.add(latency("p99 create, " + w.scenario() + at, w.create(), P99_CREATE_PAY_MS));
                targets.add(latency("p99 pay, " + w.scenario() + at, w.pay(), P99_CREATE_PAY_MS));
                targets.add(
                        latency("p99 pay→complete, " + w.scenario() + at, w.payToComplete(), P99_PAY_TO_COMPLETE_MS));
            }
        }
        flash.ifPresent(f -> {
            String sale = "flash sale %d buyers / %d units: ".formatted(f.buyers(), f.units());
            targets.add(new Target(
                    sale + "SUCCESS",
                    "exactly " + f.units(),
                    Long.toString(f.success()),
                    verdict(f.success() == f.units())));
            targets.add(new Target(
                    sale + "refused with " + FlashSale.SOLD_OUT,
                    "exactly " + (f.buyers() - f.units()),
                    Long.toString(f.soldOut()),
                    verdict(f.soldOut() == f.buyers() - f.units())));
            targets.add(new Target(
                    sale + "any other ending (TIMEOUT, UNKNOWN, errors)",
                    "none",
                    f.other().isEmpty() ? "none" : f.other().toString(),
                    verdict(f.other().isEmpty())));
            targets.add(new Target(
                    sale + "everything final",
                    "within 10 s",
                    "%.2f s".formatted(f.allFinalSeconds()),
                    verdict(f.allFinalSeconds() <= FLASH_FINAL_SECONDS)));
        });
        targets.add(new Target(
                "dead letters parked by the run",
                "none (fails the run)",
                Integer.toString(newDeadLetters),
                verdict(newDeadLetters == 0)));
        return targets;
    }

    private static Target latency(String what, Stats.Summary summary, double limitMs) {
        if (summary.count() == 0) {
            return new Target(what, "< %.0f ms".formatted(limitMs), "no samples", "n/a");
        }
        return new Target(
                what,
                "< %.0f ms".formatted(limitMs),
                "%.1f ms".formatted(summary.p99()),
                verdict(summary.p99() < limitMs));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "missed";
    }
}
