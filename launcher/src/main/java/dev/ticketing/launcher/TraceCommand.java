package dev.ticketing.launcher;

import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./ticketing trace <orderId>}: the order's purchase saga as one tree of spans (service, operation, duration,
 * the step and its result), read from the trace store's API by the {@code order.id} tag. The saga's trace is the
 * one its creation ({@code saga.step=create}) belongs to; other traces that name the order (the buyer's payment
 * request, which the saga's trace continues) are listed after it.
 */
final class TraceCommand {

    /** Spans leave the services in batches about every second: wait a little for a trace still on its way. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final long LOOKBACK_MILLIS = Duration.ofDays(7).toMillis();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Config config;
    private final PrintStream out;

    TraceCommand(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    int run(List<String> args) throws InterruptedException {
        if (args.size() != 1 || args.getFirst().isBlank()) {
            out.println("usage: ./ticketing trace <orderId>");
            return 64;
        }
        String orderId = args.getFirst().trim();
        if (!TraceStore.tracing(config)) {
            out.println("Tracing is off (TICKETING_TRACING=off): no spans were recorded.");
            return 1;
        }
        if (!config.env().getOrDefault("TICKETING_OTLP_ENDPOINT", "").isBlank()) {
            out.println(
                    "Spans go to the OpenTelemetry Collector at " + config.env().get("TICKETING_OTLP_ENDPOINT")
                            + ": search its backend for order.id=" + orderId + ".");
            return 1;
        }
        String store = storeUrl();
        List<List<TraceSpan>> traces;
        try {
            traces = awaitTraces(store, orderId);
        } catch (IOException e) {
            out.println("Cannot reach the trace store at " + store + " (" + e.getMessage() + "). Is Ticketing running "
                    + "(./ticketing status lists it as traces)?");
            return 1;
        }
        if (traces.isEmpty()) {
            out.println("No trace names order " + orderId + " in " + store + " (the store is in memory: traces "
                    + "from before its last start are gone).");
            return 1;
        }
        List<TraceSpan> saga = traces.stream()
                .filter(TraceCommand::isSaga)
                .findFirst()
                .orElseGet(() ->
                        traces.stream().max(Comparator.comparingInt(List::size)).orElseThrow());
        print(store, orderId, saga);
        for (List<TraceSpan> other : traces) {
            if (other != saga) {
                TraceSpan root = roots(other).getFirst();
                out.printf(
                        "%nAlso naming the order: trace %s (%s %s, %d spans) %s%n",
                        root.traceId(), root.service(), root.name(), other.size(), link(store, root.traceId()));
            }
        }
        return 0;
    }

    private String storeUrl() {
        String endpoint = config.env().getOrDefault("TICKETING_ZIPKIN_ENDPOINT", "");
        if (!endpoint.isBlank()) {
            return endpoint.trim().replaceFirst("/api/v2/spans/?$", "");
        }
        return TraceStore.url(config);
    }

    private List<List<TraceSpan>> awaitTraces(String store, String orderId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<List<TraceSpan>> traces = traces(store, orderId);
            if (traces.stream().anyMatch(TraceCommand::isSaga) || System.nanoTime() > deadline) {
                return traces;
            }
            Thread.sleep(500);
        }
    }

    private static List<List<TraceSpan>> traces(String store, String orderId) throws IOException, InterruptedException {
        String query = URLEncoder.encode("order.id=" + orderId, StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(store + "/api/v2/traces?annotationQuery=" + query + "&lookback="
                        + LOOKBACK_MILLIS + "&endTs=" + System.currentTimeMillis() + "&limit=10"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        var result = new ArrayList<List<TraceSpan>>();
        JsonValue root = JsonParser.parseUnchecked(response.body());
        for (JsonValue trace : root.array == null ? List.<JsonValue>of() : root.array) {
            result.add(trace.array.stream().map(TraceSpan::of).toList());
        }
        return result;
    }

    private static boolean isSaga(List<TraceSpan> trace) {
        return trace.stream().anyMatch(span -> "create".equals(span.tags().get("saga.step")));
    }

    private void print(String store, String orderId, List<TraceSpan> trace) {
        List<TraceSpan> roots = roots(trace);
        long start = trace.stream().mapToLong(TraceSpan::timestamp).min().orElse(0);
        long end = trace.stream()
                .mapToLong(span -> span.timestamp() + span.duration())
                .max()
                .orElse(start);
        Set<String> services = new java.util.TreeSet<>();
        trace.forEach(span -> services.add(span.service()));
        out.printf(
                "Order %s: trace %s, %d spans over %s, services %s%n%s%n%n",
                orderId,
                roots.getFirst().traceId(),
                trace.size(),
                duration(end - start),
                String.join(", ", services),
                link(store, roots.getFirst().traceId()));
        Map<String, List<TraceSpan>> children = new HashMap<>();
        Set<String> ids = new HashSet<>();
        trace.forEach(span -> ids.add(span.id()));
        for (TraceSpan span : trace) {
            if (span.parentId() != null && ids.contains(span.parentId())) {
                children.computeIfAbsent(span.parentId(), id -> new ArrayList<>())
                        .add(span);
            }
        }
        out.printf("%-10s %9s  %-12s %s%n", "AT", "DURATION", "SERVICE", "SPAN  (step: result)");
        for (TraceSpan root : roots) {
            print(root, 0, start, children);
        }
    }

    private void print(TraceSpan span, int depth, long start, Map<String, List<TraceSpan>> children) {
        String outcome = span.outcome();
        out.printf(
                "%-10s %9s  %-12s %s%s%s%n",
                "+" + duration(span.timestamp() - start),
                duration(span.duration()),
                span.service(),
                "  ".repeat(depth),
                span.name(),
                outcome.isEmpty() ? "" : "  (" + outcome + ")");
        for (TraceSpan child : sorted(children.getOrDefault(span.id(), List.of()))) {
            print(child, depth + 1, start, children);
        }
    }

    /** Spans whose parent is not in the trace (normally just the buyer's request at the edge), earliest first. */
    private static List<TraceSpan> roots(List<TraceSpan> trace) {
        Set<String> ids = new HashSet<>();
        trace.forEach(span -> ids.add(span.id()));
        return sorted(trace.stream()
                .filter(span -> span.parentId() == null || !ids.contains(span.parentId()))
                .toList());
    }

    private static List<TraceSpan> sorted(List<TraceSpan> spans) {
        return spans.stream()
                .sorted(Comparator.comparingLong(TraceSpan::timestamp))
                .toList();
    }

    private static String link(String store, String traceId) {
        return store + "/zipkin/traces/" + traceId;
    }

    /** Microseconds as {@code 850 µs}, {@code 12.3 ms} or {@code 1.42 s}. */
    static String duration(long micros) {
        if (micros < 1000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return "%.1f ms".formatted(micros / 1000.0);
        }
        return "%.2f s".formatted(micros / 1_000_000.0);
    }
}
