package dev.ticketing.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with every figure of a run. */
final class HtmlReport {

    private static final String STYLE = """
            body{font-family:sans-serif;margin:24px;max-width:1200px;color:#222}
            table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
            th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
            .met{color:#2a7d2a}.missed{color:#b22}.na{color:#888}.charts{display:flex;flex-wrap:wrap;gap:16px}
            figure{margin:0}figcaption{font-size:12px;color:#555}.note{background:#fff8e0;padding:6px 10px}
            """;

    private HtmlReport() {}

    static String render(BenchResult r) {
        var h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Ticketing bench ")
                .append(escape(r.startedAt()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>");
        h.append("<h1>Ticketing benchmark</h1>");
        h.append("<p>")
                .append(escape(r.startedAt()))
                .append(" to ")
                .append(escape(r.finishedAt()))
                .append(". Final states observed through: <b>")
                .append(escape(r.completionSource()))
                .append("</b>.</p>");
        keyValues(h, "Machine and code", r.environment());
        keyValues(h, "Settings", r.settings());
        for (String note : r.notes()) {
            h.append("<p class='note'>").append(escape(note)).append("</p>");
        }
        h.append(
                "<h2>How to read this</h2><p>Purchases/s counts purchases that completed (their <code>ORDER.completed</code> "
                        + "event arrived) inside the measured window. Latencies are of the purchases that started in it: "
                        + "create = <code>POST /api/orders</code>, pay = <code>POST /api/payments</code>, pay→complete = from the "
                        + "payment's answer to the completion event. The closed loop keeps a fixed number of purchases in flight "
                        + "(its throughput is the maximum at that concurrency, its latencies include queueing); the open loop "
                        + "starts purchases at a fixed rate and counts latency from each scheduled start, so it shows latency at "
                        + "that load. CPU is read from /proc at both ends of each window; <i>others</i> is the rest of the "
                        + "machine, i.e. noise from other work; <i>probe</i> is the CPU time of one fixed piece of work "
                        + "during the window, higher when the machine itself runs slower (compare it between runs "
                        + "before comparing their CPU per purchase). PostgreSQL transactions and context switches per "
                        + "purchase count work that the machine's speed does not change: they compare runs of different "
                        + "hours. The baseline does the same writes as one PostgreSQL "
                        + "transaction on the same server.</p>");
        targets(h, r.targets());
        windows(h, r);
        baselines(h, r);
        flash(h, r.flash());
        deadLetters(h, r);
        return h.append("</body></html>\n").toString();
    }

    private static void keyValues(StringBuilder h, String title, Map<String, Object> values) {
        h.append("<h3>").append(escape(title)).append("</h3><table>");
        values.forEach((k, v) -> h.append("<tr><td>")
                .append(escape(k))
                .append("</td><td>")
                .append(escape(String.valueOf(v)))
                .append("</td></tr>"));
        h.append("</table>");
    }

    private static void targets(StringBuilder h, List<Targets.Target> targets) {
        h.append(
                "<h2>Targets (figures, not assertions)</h2><table><tr><th>what</th><th>goal</th><th>measured</th><th>verdict</th></tr>");
        for (Targets.Target t : targets) {
            String css = t.verdict().startsWith("met") ? "met" : t.verdict().startsWith("missed") ? "missed" : "na";
            h.append("<tr><td>")
                    .append(escape(t.what()))
                    .append("</td><td>")
                    .append(escape(t.goal()))
                    .append("</td><td>")
                    .append(escape(t.value()))
                    .append("</td><td class='")
                    .append(css)
                    .append("'>")
                    .append(escape(t.verdict()))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void windows(StringBuilder h, BenchResult r) {
        if (r.windows().isEmpty()) {
            return;
        }
        h.append("<h2>Spread and hot</h2><table><tr><th>window</th><th>purchases/s</th><th>started</th>"
                + "<th>create ms p50/p90/p99/max</th><th>pay ms p50/p90/p99/max</th><th>pay→complete ms p50/p90/p99/max</th>"
                + "<th>CPU ms per purchase (stack)</th><th>bench CPU ms</th><th>not completed</th></tr>");
        for (WindowResult w : r.windows()) {
            h.append("<tr><td>")
                    .append(escape(w.label()))
                    .append("</td>")
                    .append(td("%.1f".formatted(w.purchasesPerSecond())))
                    .append(td(Long.toString(w.started())))
                    .append(td(Summary.ms(w.create())))
                    .append(td(Summary.ms(w.pay())))
                    .append(td(Summary.ms(w.payToComplete())))
                    .append(td(cpu(w.cpuMsPerPurchase().get("stack"))))
                    .append(td(cpu(w.cpuMsPerPurchase().get("bench"))))
                    .append(td((w.failures().isEmpty() ? "0" : w.failures().toString())
                            + (w.skipped() > 0 ? "; skipped arrivals " + w.skipped() : "")))
                    .append("</tr>");
        }
        h.append("</table>");
        cpuTable(h, r.windows());
        for (WindowResult w : r.windows()) {
            h.append("<h3>").append(escape(w.label())).append("</h3><div class='charts'>");
            var perSecond = new ArrayList<double[]>();
            for (int i = 0; i < w.completedPerSecond().size(); i++) {
                perSecond.add(new double[] {i + 0.5, w.completedPerSecond().get(i)});
            }
            figure(
                    h,
                    Svg.render(new Svg.Chart(
                            "seconds since the load started",
                            "purchases completed per second",
                            false,
                            w.warmupSeconds(),
                            List.of(new Svg.Series("completed/s", Svg.COLOURS[0], perSecond)))),
                    "Throughput over time (shaded: warm-up, not measured)");
            var series = new ArrayList<Svg.Series>();
            int colour = 0;
            for (var d : w.distributions().entrySet()) {
                series.add(new Svg.Series(
                        d.getKey(),
                        Svg.COLOURS[colour++ % Svg.COLOURS.length],
                        d.getValue().stream()
                                .map(p -> new double[] {p.millis(), p.fraction()})
                                .toList()));
            }
            figure(
                    h,
                    Svg.render(new Svg.Chart(
                            "milliseconds (log scale)", "fraction at or below", true, Double.NaN, series)),
                    "Latency distribution of the measured window (cumulative)");
            h.append("</div>");
            if (!w.outcomes().isEmpty()) {
                h.append("<p>Outcomes: ")
                        .append(escape(w.outcomes().toString()))
                        .append(". Payments retried after 404: ")
                        .append(w.payRetries())
                        .append(".</p>");
            }
        }
    }

    private static void cpuTable(StringBuilder h, List<WindowResult> windows) {
        Set<String> names = new LinkedHashSet<>();
        windows.forEach(w -> names.addAll(w.cpu().processes().keySet()));
        h.append(
                "<h3>CPU seconds per process in each measured window (and ms per completed purchase)</h3><table><tr><th>window</th>");
        names.forEach(n -> h.append("<th>").append(escape(n)).append("</th>"));
        h.append(
                "<th>stack</th><th>bench</th><th>others (noise)</th><th>others' share of the machine</th><th>probe (µs)</th>"
                        + "<th>PostgreSQL transactions per purchase</th><th>context switches per purchase</th></tr>");
        for (WindowResult w : windows) {
            h.append("<tr><td>").append(escape(w.label())).append("</td>");
            for (String n : names) {
                h.append(td("%.1f s (%s)"
                        .formatted(
                                w.cpu().processes().getOrDefault(n, -1.0),
                                cpu(w.cpuMsPerPurchase().get(n)))));
            }
            h.append(td("%.1f s (%s)"
                            .formatted(w.cpu().stack(), cpu(w.cpuMsPerPurchase().get("stack")))))
                    .append(td("%.1f s".formatted(w.cpu().bench())))
                    .append(td("%.1f s".formatted(w.cpu().others())))
                    .append(td("%.0f %%".formatted(w.cpu().othersShare() * 100)))
                    .append(td("%.0f".formatted(w.cpu().probeMicros())))
                    .append(td("%.1f".formatted(w.transactionsPerPurchase())))
                    .append(td("%.0f".formatted(w.contextSwitchesPerPurchase())))
                    .append("</tr>");
        }
        h.append("</table>");
    }

    private static void baselines(StringBuilder h, BenchResult r) {
        if (r.baselines().isEmpty()) {
            return;
        }
        h.append("<h2>One-transaction baseline</h2><table><tr><th>scenario</th><th>JDBC clients</th><th>listings</th>"
                + "<th>transactions/s</th><th>latency ms p50/p90/p99/max</th><th>PostgreSQL CPU ms per transaction</th>"
                + "<th>retried</th></tr>");
        for (Baseline.Result b : r.baselines()) {
            h.append("<tr><td>")
                    .append(escape(b.scenario()))
                    .append("</td>")
                    .append(td(Integer.toString(b.clients())))
                    .append(td(Integer.toString(b.listings())))
                    .append(td("%.0f".formatted(b.tps())))
                    .append(td(Summary.ms(b.latency())))
                    .append(td(cpu(b.postgresCpuMsPerTransaction())))
                    .append(td(Long.toString(b.retried())))
                    .append("</tr>");
        }
        h.append("</table><p>Ratios (purchases/s of the closed loop ÷ transactions/s): ");
        r.ratios()
                .forEach((k, v) -> h.append(escape(k))
                        .append(" <b>")
                        .append("%.3f".formatted(v))
                        .append("</b>; "));
        h.append("</p>");
    }

    private static void flash(StringBuilder h, FlashSale.Result f) {
        if (f == null) {
            return;
        }
        h.append("<h2>Flash sale</h2><table><tr><th>buyers</th><th>units</th><th>SUCCESS</th><th>refused: ")
                .append(escape(FlashSale.SOLD_OUT))
                .append(
                        "</th><th>other</th><th>everything final after</th>"
                                + "<th>create ms (accepted)</th><th>refusal ms</th><th>pay ms</th><th>pay→complete ms</th></tr><tr>")
                .append(td(Integer.toString(f.buyers())))
                .append(td(Integer.toString(f.units())))
                .append(td(Long.toString(f.success())))
                .append(td(Long.toString(f.soldOut())))
                .append(td(f.other().isEmpty() ? "none" : f.other().toString()))
                .append(td("%.2f s".formatted(f.allFinalSeconds())))
                .append(td(Summary.ms(f.create())))
                .append(td(Summary.ms(f.refusal())))
                .append(td(Summary.ms(f.pay())))
                .append(td(Summary.ms(f.payToComplete())))
                .append("</tr></table>");
    }

    private static void deadLetters(StringBuilder h, BenchResult r) {
        h.append("<h2>Dead letters</h2>");
        if (r.deadLetters().isEmpty()) {
            h.append("<p class='met'>None parked by this run.</p>");
        } else {
            h.append("<p class='missed'>")
                    .append(r.deadLetters().size())
                    .append(
                            " parked by this run: the run failed.</p><table>"
                                    + "<tr><th>service</th><th>consumer</th><th>subject</th><th>id</th><th>parked at</th><th>error</th></tr>");
            for (DeadLetters.Letter l : r.deadLetters()) {
                h.append("<tr><td>")
                        .append(escape(l.service()))
                        .append("</td><td>")
                        .append(escape(l.consumer()))
                        .append("</td><td>")
                        .append(escape(l.subject()))
                        .append("</td><td>")
                        .append(escape(l.id()))
                        .append("</td><td>")
                        .append(escape(l.parkedAt().toString()))
                        .append("</td><td>")
                        .append(escape(l.error()))
                        .append("</td></tr>");
            }
            h.append("</table>");
        }
        for (String busy : r.undrained()) {
            h.append("<p class='missed'>Consumer not drained: ")
                    .append(escape(busy))
                    .append("</p>");
        }
    }

    private static void figure(StringBuilder h, String svg, String caption) {
        h.append("<figure>")
                .append(svg)
                .append("<figcaption>")
                .append(escape(caption))
                .append("</figcaption></figure>");
    }

    private static String td(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    private static String cpu(Double ms) {
        return ms == null || ms < 0 ? "-" : "%.1f".formatted(ms);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
