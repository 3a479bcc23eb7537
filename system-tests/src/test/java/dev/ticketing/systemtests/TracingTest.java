package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * One purchase is one trace (decision 60), and the local trace store the launcher runs (decision 61) has it: found
 * through Zipkin's own API by the order's {@code order.id}, rooted at the buyer's {@code POST /api/orders} at the
 * edge, with spans of web, orders, tickets and payments, every consumer span a child of a producer span of another
 * service (the link across NATS), and the payment, delivery, completion and payout steps in it.
 */
@ExtendWith(StackExtension.class)
class TracingTest {

    private static final Duration SPANS_ARRIVE = Duration.ofSeconds(30);
    /** The launcher starts the trace store once the services are ready; spans sent before it is up are lost. */
    private static final Duration STORE_STARTS = Duration.ofSeconds(90);

    private final Marketplace market = new Marketplace(Stack.get().url());
    private final Http store = new Http("http://127.0.0.1:" + (9411 + Stack.PORT_OFFSET));

    @Test
    void aPurchaseIsOneTraceInTheTraceStoreFromTheOrderRequestToTheSellersPayout() {
        Stack.get().awaitReady("traces", STORE_STARTS);
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("traced concert", 20, 1);
        String orderId = buyer.order(ticket, 1, Map.of()).json().get("id").asString();
        assertThat(buyer.pay(orderId).status()).isEqualTo(201);
        assertThat(buyer.awaitFinal(orderId).get("status").asString()).isEqualTo("complete");

        // each service sends its spans in its own batches: wait until the payout is in and no parent is missing
        List<JsonNode> trace = Eventually.await(
                "the order's whole trace, to its payout",
                SPANS_ARRIVE,
                () -> sagaTrace(orderId),
                spans -> spans.stream().anyMatch(s -> "payout".equals(tag(s, "saga.step")))
                        && spans.stream()
                                .filter(s -> s.has("parentId"))
                                .allMatch(s -> spans.stream()
                                        .anyMatch(p -> p.get("id")
                                                .asString()
                                                .equals(s.get("parentId").asString()))));

        assertThat(trace.stream().map(s -> s.get("traceId").asString()).distinct())
                .as("one trace")
                .hasSize(1);
        assertThat(trace.stream().map(TracingTest::service).collect(Collectors.toSet()))
                .contains("web", "orders", "tickets", "payments");
        Map<String, JsonNode> byId = new HashMap<>();
        trace.forEach(span -> byId.put(span.get("id").asString(), span));
        List<JsonNode> roots = trace.stream().filter(s -> !s.has("parentId")).toList();
        assertThat(roots)
                .as("rooted at the buyer's request at the edge")
                .singleElement()
                .satisfies(root -> {
                    assertThat(service(root)).isEqualTo("web");
                    assertThat(root.get("kind").asString()).isEqualTo("SERVER");
                    assertThat(root.get("name").asString()).isEqualTo("http post /api/orders");
                });
        List<JsonNode> consumed =
                trace.stream().filter(s -> "CONSUMER".equals(text(s, "kind"))).toList();
        assertThat(consumed)
                .as("the events of the saga were handled in this trace")
                .hasSizeGreaterThanOrEqualTo(6);
        assertThat(consumed)
                .as("every handling is a child of its publish, made by another service")
                .allSatisfy(span -> {
                    JsonNode parent = byId.get(span.get("parentId").asString());
                    assertThat(parent.get("kind").asString()).isEqualTo("PRODUCER");
                    assertThat(parent.get("name").asString().replace("publish ", "process "))
                            .isEqualTo(span.get("name").asString());
                    assertThat(service(parent)).isNotEqualTo(service(span));
                });
        assertThat(trace.stream()
                        .filter(s -> orderId.equals(tag(s, "order.id")))
                        .map(s -> tag(s, "saga.step") + ": " + tag(s, "saga.result"))
                        .collect(Collectors.toSet()))
                .as("the saga's steps and results")
                .contains(
                        "create: created",
                        "reserve: reserved",
                        "payment: Paid",
                        "payment: paid",
                        "delivery: delivered",
                        "delivery: complete SUCCESS",
                        "payout: credited");
        JsonNode payment = trace.stream()
                .filter(s -> "payment".equals(s.get("name").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(service(payment)).isEqualTo("payments");
        String paymentRequestTrace = tag(payment, "link.trace_id");
        assertThat(paymentRequestTrace)
                .as("the payment names the buyer's payment request's own trace")
                .isNotBlank()
                .isNotEqualTo(payment.get("traceId").asString());
        JsonNode request = store.get("/api/v2/trace/" + paymentRequestTrace).json();
        assertThat(request.valueStream()
                        .filter(s -> payment.get("traceId").asString().equals(tag(s, "saga.trace_id"))))
                .as("... which names the order's trace back")
                .isNotEmpty();

        String traceId = payment.get("traceId").asString();
        for (String service : List.of("orders", "expiration")) {
            assertThat(logOf(service))
                    .as("%s's log lines of the purchase carry its trace id", service)
                    .anySatisfy(line -> assertThat(line).contains(orderId).contains(traceId));
        }
    }

    private static List<String> logOf(String service) {
        try {
            return java.nio.file.Files.readAllLines(
                    Stack.get().dataDir().resolve("logs").resolve(service + ".log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The trace that the order's creation belongs to, among those naming the order (empty until it arrives). */
    private List<JsonNode> sagaTrace(String orderId) {
        var response = store.get("/api/v2/traces?limit=10&annotationQuery="
                + URLEncoder.encode("order.id=" + orderId, StandardCharsets.UTF_8));
        assertThat(response.status()).as("the trace store answers").isEqualTo(200);
        return response.json()
                .valueStream()
                .map(trace -> trace.valueStream().toList())
                .filter(spans -> spans.stream().anyMatch(s -> "create".equals(tag(s, "saga.step"))))
                .findFirst()
                .orElse(List.of());
    }

    private static String service(JsonNode span) {
        return span.get("localEndpoint").get("serviceName").asString();
    }

    private static String tag(JsonNode span, String key) {
        JsonNode tags = span.get("tags");
        return tags == null || !tags.has(key) ? null : tags.get(key).asString();
    }

    private static String text(JsonNode span, String key) {
        return span.has(key) ? span.get(key).asString() : null;
    }
}
