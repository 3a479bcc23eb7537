package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Every fault of docs/saga.md (create, reserve, payment, delivery × fail, timeout, crash) with its outcome and the
 * state after compensation: balances, units and e-tickets. The stack runs with TICKETING_FAULTS_ENABLED=true.
 */
@ExtendWith(StackExtension.class)
class FaultInjectionTest {

    private final Stack stack = Stack.get();
    private final Marketplace market = new Marketplace(stack.url());

    @BeforeEach
    void everyProcessIsUp() {
        stack.awaitAllReady(Duration.ofSeconds(90)); // a crash of the previous test may still be recovering
    }

    private static Map<String, String> fault(String value) {
        return Map.of("X-Fault-Injection", value);
    }

    private record Scene(Marketplace.Person seller, Marketplace.Person buyer, String ticket) {}

    private Scene scene(String title) {
        var seller = market.person();
        var buyer = market.person();
        return new Scene(seller, buyer, seller.list(title, 20, 1));
    }

    /** After a failed saga: nothing charged, nothing delivered, the unit back on sale. */
    private void assertCompensated(Scene scene, JsonNode order, String outcome) {
        assertThat(order.get("status").asString()).isEqualTo("cancelled");
        assertThat(order.get("outcome").asString()).isEqualTo(outcome);
        scene.buyer().awaitBalance("500");
        scene.seller().awaitBalance("500");
        market.awaitAvailable(scene.ticket(), 1);
        Eventually.await(
                "no e-ticket left with the buyer",
                Marketplace.SAGA_TIMEOUT,
                () -> scene.buyer().purchased(),
                java.util.List::isEmpty);
    }

    /** After a saga that survived a fault: paid once, delivered once, seller paid once. */
    private void assertSucceededOnce(Scene scene, String orderId) {
        JsonNode order = scene.buyer().awaitFinal(orderId);
        assertThat(order.get("status").asString()).isEqualTo("complete");
        assertThat(order.get("outcome").asString()).isEqualTo("SUCCESS");
        scene.buyer().awaitBalance("480");
        scene.seller().awaitBalance("520");
        assertThat(scene.buyer().purchased()).hasSize(1);
        market.awaitAvailable(scene.ticket(), 0);
        var again = scene.buyer().http().post("/api/payments", Map.of("orderId", orderId));
        assertThat(again.status()).isEqualTo(400);
    }

    private String orderId(Scene scene, Map<String, String> headers) {
        var response = scene.buyer().order(scene.ticket(), 1, headers);
        assertThat(response.status()).as("order %s", response).isEqualTo(201);
        return response.json().get("id").asString();
    }

    @Test
    void createFailStoresNothing() {
        var scene = scene("create fail");
        var response = scene.buyer().order(scene.ticket(), 1, fault("create=fail"));
        assertThat(response.status()).isBetween(500, 599);
        assertThat(scene.buyer().http().get("/api/orders").json().size()).isZero();
        assertThat(market.listing(scene.ticket()).get("available").asInt()).isEqualTo(1);
    }

    @Test
    void createTimeoutStoresNothing() {
        var scene = scene("create timeout");
        var response = scene.buyer().order(scene.ticket(), 1, fault("create=timeout"));
        assertThat(response.status()).isBetween(500, 599);
        assertThat(scene.buyer().http().get("/api/orders").json().size()).isZero();
        assertThat(market.listing(scene.ticket()).get("available").asInt()).isEqualTo(1);
    }

    @Test
    void createCrashLeavesTheOrderWhichThenSucceeds() {
        var scene = scene("create crash");
        long ordersPid = stack.pid("orders");
        var response = scene.buyer().order(scene.ticket(), 1, fault("create=crash"));
        assertThat(response.status()).isBetween(500, 599);
        Eventually.await(
                "orders restarted",
                Duration.ofSeconds(60),
                () -> stack.pid("orders"),
                pid -> pid > 0 && pid != ordersPid);
        stack.awaitReady("orders", Duration.ofSeconds(60));

        JsonNode orders = Eventually.await(
                "the committed order is there after the restart",
                Duration.ofSeconds(30),
                () -> scene.buyer().http().get("/api/orders").json(),
                list -> list.size() == 1);
        String orderId = orders.get(0).get("id").asString();
        assertThat(scene.buyer().pay(orderId).status()).isEqualTo(201);
        assertSucceededOnce(scene, orderId);
    }

    @Test
    void reserveFailCancelsWithUnknown() {
        var scene = scene("reserve fail");
        String orderId = orderId(scene, fault("reserve=fail"));
        assertCompensated(scene, scene.buyer().awaitFinal(orderId), "UNKNOWN");
    }

    /** The reserve deadline of the test stack (TICKETING_SAGA_RESERVETIMEOUT). */
    private static final Duration RESERVE_DEADLINE = Duration.ofSeconds(25);
    /** The sweep interval and a loaded machine's delays: "within the deadline plus a few seconds". */
    private static final Duration A_FEW_SECONDS = Duration.ofSeconds(5);

    @Test
    void reserveTimeoutCancelsWithTimeoutWithinTheDeadlineAndTheLateHoldIsReleased() {
        var scene = scene("reserve timeout");
        String orderId = orderId(scene, fault("reserve=timeout"));
        JsonNode order = Eventually.await(
                "TIMEOUT within the deadline plus a few seconds",
                RESERVE_DEADLINE.plus(A_FEW_SECONDS),
                () -> scene.buyer().order(orderId),
                o -> Marketplace.FINAL.contains(o.get("status").asString())
                        && !o.get("outcome").isNull());
        assertCompensated(scene, order, "TIMEOUT");
    }

    /**
     * Not the injected crash (which halts after the step committed) but a real SIGKILL while tickets holds the
     * order's message: it comes back after the ack wait, to the restarted tickets, before the step's deadline.
     */
    @Test
    void aKillOfTicketsWhileItHoldsTheReserveStepStillEndsSuccess() {
        var scene = scene("killed mid-step");
        long ticketsPid = stack.pid("tickets");
        stack.freeze("tickets"); // its pending pull request takes the message, which it cannot handle
        String orderId;
        try {
            orderId = orderId(scene, Map.of());
        } finally {
            stack.kill9("tickets");
        }
        Eventually.await(
                "tickets restarted",
                Duration.ofSeconds(60),
                () -> stack.pid("tickets"),
                pid -> pid > 0 && pid != ticketsPid);
        stack.awaitReady("tickets", Duration.ofSeconds(60));
        assertThat(scene.buyer().pay(orderId).status()).isEqualTo(201);
        assertSucceededOnce(scene, orderId);
    }

    @Test
    void reserveCrashRestartsTicketsAndTheSagaSucceeds() {
        var scene = scene("reserve crash");
        long ticketsPid = stack.pid("tickets");
        String orderId = orderId(scene, fault("reserve=crash"));
        Eventually.await(
                "tickets restarted",
                Duration.ofSeconds(60),
                () -> stack.pid("tickets"),
                pid -> pid > 0 && pid != ticketsPid);
        stack.awaitReady("tickets", Duration.ofSeconds(60));
        assertThat(scene.buyer().pay(orderId).status()).isEqualTo(201);
        assertSucceededOnce(scene, orderId);
    }

    @Test
    void paymentFailIsABadGatewayAndCancelsWithUnknown() {
        var scene = scene("payment fail");
        String orderId = orderId(scene, fault("payment=fail"));
        var paid = scene.buyer().pay(orderId);
        assertThat(paid.status()).isEqualTo(502);
        assertThat(paid.errorMessages()).containsExactly("Payment failed");
        assertCompensated(scene, scene.buyer().awaitFinal(orderId), "UNKNOWN");
    }

    @Test
    void paymentTimeoutIsAGatewayTimeoutAndCancelsWithTimeout() {
        var scene = scene("payment timeout");
        String orderId = orderId(scene, fault("payment=timeout"));
        var paid = scene.buyer().pay(orderId);
        assertThat(paid.status()).isEqualTo(504);
        assertThat(paid.errorMessages()).containsExactly("Payment timed out");
        assertCompensated(scene, scene.buyer().awaitFinal(orderId), "TIMEOUT");
    }

    @Test
    void paymentCrashChargesOnceAndTheSagaSucceeds() {
        var scene = scene("payment crash");
        String orderId = orderId(scene, fault("payment=crash"));
        long paymentsPid = stack.pid("payments");
        var paid = scene.buyer().pay(orderId);
        assertThat(paid.status()).as("the process died before answering").isBetween(500, 599);
        Eventually.await(
                "payments restarted",
                Duration.ofSeconds(60),
                () -> stack.pid("payments"),
                pid -> pid > 0 && pid != paymentsPid);
        stack.awaitReady("payments", Duration.ofSeconds(60));
        assertSucceededOnce(scene, orderId);
    }

    @Test
    void deliveryFailRefundsAndCancelsWithUnknown() {
        var scene = scene("delivery fail");
        String orderId = orderId(scene, fault("delivery=fail"));
        assertThat(scene.buyer().pay(orderId).status()).isEqualTo(201);
        assertCompensated(scene, scene.buyer().awaitFinal(orderId), "UNKNOWN");
    }

    @Test
    void deliveryTimeoutRefundsCancelsWithTimeoutAndRevokesLateETickets() {
        var scene = scene("delivery timeout");
        String orderId = orderId(scene, fault("delivery=timeout"));
        assertThat(scene.buyer().pay(orderId).status()).isEqualTo(201);
        assertCompensated(scene, scene.buyer().awaitFinal(orderId), "TIMEOUT");
    }

    @Test
    void deliveryCrashRestartsTicketsAndDeliversOnce() {
        var scene = scene("delivery crash");
        String orderId = orderId(scene, fault("delivery=crash"));
        long ticketsPid = stack.pid("tickets");
        assertThat(scene.buyer().pay(orderId).status()).isEqualTo(201);
        Eventually.await(
                "tickets restarted",
                Duration.ofSeconds(60),
                () -> stack.pid("tickets"),
                pid -> pid > 0 && pid != ticketsPid);
        stack.awaitReady("tickets", Duration.ofSeconds(60));
        assertSucceededOnce(scene, orderId);
    }

    @Test
    void severalFaultsInOneHeaderApplyToTheirSteps() {
        var scene = scene("two faults");
        long ticketsPid = stack.pid("tickets");
        String orderId = orderId(scene, fault("reserve=crash, delivery=fail"));
        Eventually.await(
                "tickets restarted",
                Duration.ofSeconds(60),
                () -> stack.pid("tickets"),
                pid -> pid > 0 && pid != ticketsPid);
        stack.awaitReady("tickets", Duration.ofSeconds(60));
        assertThat(scene.buyer().pay(orderId).status()).isEqualTo(201);
        assertCompensated(scene, scene.buyer().awaitFinal(orderId), "UNKNOWN");
    }
}
