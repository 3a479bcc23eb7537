package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Purchase sagas run through faults, and the end every one of them must reach: final, with money, units and
 * e-tickets in agreement (each buyer starts with 500 credits and buys one unit at 20).
 */
final class ChaosSagas {

    record Saga(Marketplace.Person seller, Marketplace.Person buyer, String ticket, String orderId) {}

    private final Stack stack;
    private final Marketplace market;

    ChaosSagas(Stack stack) {
        this.stack = stack;
        this.market = new Marketplace(stack.url());
    }

    /** Once everything is ready: {@code count} sellers each list one unit, and a buyer each orders it. */
    List<Saga> start(int count) {
        stack.awaitAllReady(Duration.ofSeconds(90));
        return Concurrently.run(count, i -> {
            var seller = market.person();
            var buyer = market.person();
            String ticket = seller.list("chaos " + i, 20, 1);
            return new Saga(seller, buyer, ticket, buyer.orderOk(ticket, 1));
        });
    }

    /** Every buyer pays, one after the other, on a thread of its own; join it when the faults are over. */
    Thread payAll(List<Saga> sagas) {
        return Thread.ofVirtual().start(() -> sagas.forEach(ChaosSagas::payPersistently));
    }

    /** A client that retries its payment through outages until it gets a definite answer. */
    private static void payPersistently(Saga saga) {
        Eventually.await(
                "a definite answer to the payment",
                Duration.ofSeconds(120),
                () -> {
                    try {
                        return saga.buyer()
                                .http()
                                .post("/api/payments", Map.of("orderId", saga.orderId()))
                                .status();
                    } catch (IllegalStateException connectionTrouble) {
                        return 503;
                    }
                },
                status -> Set.of(201, 400).contains(status));
    }

    /** The saga ended, and consistently: paid in full and delivered once, or not at all. */
    void assertConsistentEnd(Saga saga) {
        JsonNode order = Eventually.await(
                "order final after the faults",
                Duration.ofSeconds(120),
                () -> saga.buyer().order(saga.orderId()),
                o -> Marketplace.FINAL.contains(o.get("status").asString())
                        && !o.get("outcome").isNull());
        if ("complete".equals(order.get("status").asString())) {
            assertThat(order.get("outcome").asString()).isEqualTo("SUCCESS");
            saga.buyer().awaitBalance("480");
            saga.seller().awaitBalance("520");
            assertThat(saga.buyer().purchased()).hasSize(1);
            market.awaitAvailable(saga.ticket(), 0);
        } else {
            saga.buyer().awaitBalance("500");
            saga.seller().awaitBalance("500");
            Eventually.await(
                    "no e-ticket for a cancelled order",
                    Marketplace.SAGA_TIMEOUT,
                    () -> saga.buyer().purchased(),
                    List::isEmpty);
            market.awaitAvailable(saga.ticket(), 1);
        }
    }

    static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(180));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(thread.isAlive()).as("payments answered").isFalse();
    }
}
