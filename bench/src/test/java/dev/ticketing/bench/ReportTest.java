package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    static BenchResult sample() {
        var cpu = new CpuMeter.Usage(10, Map.of("orders", 2.0, "postgres", 1.0), 3.0, 0.5, 5.0, 1.5, 2, 850.0, 500, 31);
        var results = new java.util.ArrayList<PurchaseResult>();
        for (int i = 0; i < 50; i++) {
            long start = 2 * S + i * 200 * MS;
            results.add(new PurchaseResult(
                    start,
                    start + (5 + i) * MS,
                    start + (6 + i) * MS,
                    start + (20 + i) * MS,
                    201,
                    start + (40 + 2 * i) * MS,
                    "SUCCESS",
                    null,
                    0));
        }
        WindowResult window = WindowResult.of(
                new WindowResult.Plan("spread", "closed", 16, 0, 50), results, 0, 2 * S, 12 * S, 0, cpu);
        var baseline = new Baseline.Result(
                "spread", 16, 50, 10, 10_000, 1000, new Stats.Summary(10_000, 5, 9, 20, 80, 6), 0, cpu, 0.3);
        var flash = new FlashSale.Result(
                300,
                100,
                100,
                200,
                Map.of(),
                3.5,
                Stats.Summary.NONE,
                Stats.Summary.NONE,
                Stats.Summary.NONE,
                Stats.Summary.NONE,
                cpu);
        Map<String, Double> ratios = Map.of(window.label(), window.purchasesPerSecond() / baseline.tps());
        var letter = new DeadLetters.Letter(
                "orders",
                "id-1",
                "orders-TICKET_updated",
                "TICKET.updated",
                java.time.Instant.EPOCH,
                "version gap <3>");
        return new BenchResult(
                "2026-11-26T12:00:00Z",
                "2026-11-26T12:03:00Z",
                new LinkedHashMap<>(Map.of("quick", false)),
                new LinkedHashMap<>(Map.of("cores", 2)),
                "nats",
                List.of(window),
                List.of(baseline),
                ratios,
                flash,
                List.of(letter),
                List.of(),
                Targets.evaluate(List.of(window), ratios, false, Optional.of(flash), 1),
                List.of("a note & <b>"));
    }

    @Test
    void theHtmlIsSelfContainedAndEscaped() {
        String html = HtmlReport.render(sample());

        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg", "spread closed 16", "version gap &lt;3&gt;", "a note &amp; &lt;b&gt;");
        assertThat(html).doesNotContain("<script src", "<link", "https://", "<img");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://");
    }

    @Test
    void theSummaryNamesEveryFigureAndTheDeadLetter() {
        String text = Summary.render(sample());

        assertThat(text)
                .contains(
                        "spread closed 16",
                        "one-transaction baseline",
                        "Flash sale, 300 buyers",
                        "Dead letters parked by this run: 1",
                        "orders-TICKET_updated",
                        "missed",
                        "probe",
                        "     850");
    }

    @Test
    void theJsonHasTheFiguresByName() {
        var json = Json.MAPPER.readTree(Json.PRETTY.writeValueAsString(sample()));

        assertThat(json.path("windows").get(0).path("purchasesPerSecond").asDouble())
                .isEqualTo(5.0);
        assertThat(json.path("windows").get(0).path("create").path("p99").isNumber())
                .isTrue();
        assertThat(json.path("windows").get(0).path("cpu").path("probeMicros").asDouble())
                .isEqualTo(850.0);
        assertThat(json.path("baselines").get(0).path("tps").asDouble()).isEqualTo(1000);
        assertThat(json.path("deadLetters").get(0).path("consumer").asString()).isEqualTo("orders-TICKET_updated");
        assertThat(json.path("targets").size()).isGreaterThan(5);
    }

    @Test
    void targetsSayMetOrMissed() {
        var targets = Targets.evaluate(
                List.of(), Map.of("spread closed 16", 0.3, "hot closed 16", 0.05), false, Optional.empty(), 0);

        assertThat(targets).extracting(Targets.Target::verdict).containsExactlyInAnyOrder("met (aim)", "missed", "met");
    }
}
