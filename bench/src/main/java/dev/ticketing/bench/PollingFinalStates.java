package dev.ticketing.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The fallback when NATS cannot be reached: {@code GET /api/orders/{id}} every {@link #INTERVAL} until the order is
 * final. It loads the system under test (every poll verifies a token and reads the order), so figures from a run
 * that used it are not comparable with the others; the report says which source was used.
 */
final class PollingFinalStates implements FinalStates {

    static final Duration INTERVAL = Duration.ofMillis(20);
    private static final Set<String> FINAL = Set.of("complete", "cancelled");

    private final Api api;
    private final String reason;

    PollingFinalStates(Api api, String reason) {
        this.api = api;
        this.reason = reason;
    }

    @Override
    public Waiting expect(String orderId, String buyerToken) {
        return timeout -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Api.Response response = api.order(buyerToken, orderId);
                if (response.status() == 200) {
                    JsonNode order = response.json();
                    if (FINAL.contains(order.path("status").asString(""))
                            && !order.path("outcome").isNull()) {
                        return Optional.of(new Final(order.path("outcome").asString(), System.nanoTime()));
                    }
                }
                Population.sleep(INTERVAL);
            }
            return Optional.empty();
        };
    }

    @Override
    public String source() {
        return "polling GET /api/orders/{id} every " + INTERVAL.toMillis() + " ms (NATS unreachable: " + reason + ")";
    }

    @Override
    public void close() {}
}
