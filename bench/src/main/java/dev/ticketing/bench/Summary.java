package dev.ticketing.bench;

import java.util.LinkedHashSet;
import java.util.Set;

/** The plain-text summary printed at the end of a run (the same figures as the report's tables). */
final class Summary {

    private Summary() {}

    static String render(BenchResult r) {
        var out = new StringBuilder();
        out.append("Completion events: ").append(r.completionSource()).append('\n');
        if (!r.windows().isEmpty()) {
            out.append('\n');
            line(
                    out,
                    "%-20s %11s  %-22s %-22s %-22s %9s %9s %s",
                    "window",
                    "purchases/s",
                    "create ms p50/90/99/max",
                    "pay ms p50/90/99/max",
                    "pay→complete ms",
                    "CPU ms/p",
                    "bench ms",
                    "not completed");
            for (WindowResult w : r.windows()) {
                long notCompleted = w.failures().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                line(
                        out,
                        "%-20s %11.1f  %-22s %-22s %-22s %9s %9s %d%s",
                        w.label(),
                        w.purchasesPerSecond(),
                        ms(w.create()),
                        ms(w.pay()),
                        ms(w.payToComplete()),
                        cpu(w.cpuMsPerPurchase().get("stack")),
                        cpu(w.cpuMsPerPurchase().get("bench")),
                        notCompleted,
                        w.skipped() > 0 ? " (+" + w.skipped() + " arrivals skipped)" : "");
            }
        }
        if (!r.baselines().isEmpty()) {
            out.append('\n');
            line(
                    out,
                    "%-34s %10s %14s %16s %s",
                    "one-transaction baseline",
                    "tx/s",
                    "p50/p99 ms",
                    "PG CPU ms/tx",
                    "ratio purchases/s ÷ tx/s");
            for (Baseline.Result b : r.baselines()) {
                String ratio = r.ratios().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(b.scenario() + " "))
                        .map(e -> "%.3f".formatted(e.getValue()))
                        .findFirst()
                        .orElse("-");
                line(
                        out,
                        "%-34s %10.0f %14s %16s %s",
                        "%s (%d clients, %d listing%s)"
                                .formatted(b.scenario(), b.clients(), b.listings(), b.listings() == 1 ? "" : "s"),
                        b.tps(),
                        "%.1f/%.1f".formatted(b.latency().p50(), b.latency().p99()),
                        cpu(b.postgresCpuMsPerTransaction()),
                        ratio);
            }
        }
        if (!r.windows().isEmpty()) {
            out.append(
                    "\nCPU seconds in each measured window (others: the rest of the machine, i.e. noise; probe: CPU µs"
                            + " of a fixed piece of work, higher when the machine runs slower; tx/p and cs/p: PostgreSQL"
                            + " transactions and the stack's context switches per purchase, which the machine's speed does"
                            + " not change)\n");
            Set<String> names = new LinkedHashSet<>();
            r.windows().forEach(w -> names.addAll(w.cpu().processes().keySet()));
            var header = new StringBuilder("%-20s".formatted("window"));
            names.forEach(n -> header.append(" %10s".formatted(n)));
            header.append(" %8s %8s %8s %8s %6s %6s".formatted("stack", "bench", "others", "probe", "tx/p", "cs/p"));
            out.append(header).append('\n');
            for (WindowResult w : r.windows()) {
                var row = new StringBuilder("%-20s".formatted(w.label()));
                names.forEach(
                        n -> row.append(" %10.1f".formatted(w.cpu().processes().getOrDefault(n, -1.0))));
                row.append(" %8.1f %8.1f %8.1f %8.0f %6.1f %6.0f"
                        .formatted(
                                w.cpu().stack(),
                                w.cpu().bench(),
                                w.cpu().others(),
                                w.cpu().probeMicros(),
                                w.transactionsPerPurchase(),
                                w.contextSwitchesPerPurchase()));
                out.append(row).append('\n');
            }
        }
        if (r.flash() != null) {
            FlashSale.Result f = r.flash();
            out.append('\n');
            line(
                    out,
                    "Flash sale, %d buyers at once for %d units: %d SUCCESS, %d refused \"%s\", other: %s; "
                            + "everything final after %.2f s",
                    f.buyers(),
                    f.units(),
                    f.success(),
                    f.soldOut(),
                    FlashSale.SOLD_OUT,
                    f.other().isEmpty() ? "none" : f.other(),
                    f.allFinalSeconds());
            line(
                    out,
                    "  create (accepted) ms %s   refusal ms %s   pay ms %s   pay→complete ms %s",
                    ms(f.create()),
                    ms(f.refusal()),
                    ms(f.pay()),
                    ms(f.payToComplete()));
        }
        out.append("\nTargets (figures, not assertions)\n");
        for (Targets.Target t : r.targets()) {
            line(out, "  %-27s %-78s %-30s %s", t.verdict(), t.what(), t.goal(), t.value());
        }
        out.append('\n');
        if (r.deadLetters().isEmpty()) {
            out.append("Dead letters: none parked by this run.\n");
        } else {
            out.append("Dead letters parked by this run: ")
                    .append(r.deadLetters().size())
                    .append('\n');
            r.deadLetters()
                    .forEach(l ->
                            line(out, "  %s %s %s %s: %s", l.service(), l.consumer(), l.subject(), l.id(), l.error()));
        }
        r.undrained().forEach(u -> line(out, "Consumer not drained: %s", u));
        r.notes().forEach(n -> line(out, "Note: %s", n));
        return out.toString();
    }

    static String ms(Stats.Summary s) {
        return s.count() == 0 ? "-" : "%s/%s/%s/%s".formatted(num(s.p50()), num(s.p90()), num(s.p99()), num(s.max()));
    }

    /** Milliseconds with a precision that suits their size: 0.8, 12, 1204. */
    static String num(double ms) {
        return ms < 10 ? "%.1f".formatted(ms) : "%.0f".formatted(ms);
    }

    private static String cpu(Double ms) {
        return ms == null || ms < 0 ? "-" : "%.1f".formatted(ms);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(format.formatted(args)).append('\n');
    }
}
