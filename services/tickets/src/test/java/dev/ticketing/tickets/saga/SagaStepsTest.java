package dev.ticketing.tickets.saga;

import static dev.ticketing.contracts.Stream.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.TestBroker.StoredMessage;
import dev.ticketing.tickets.OrderEvents.Order;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The inventory, delivery and compensation steps of docs/saga.md, driven by real ORDER.* messages. */
class SagaStepsTest extends SagaTestBase {

    // --- ORDER.created: the inventory step

    @Test
    void orderCreatedHoldsTheUnitsAndConfirmsWithTicketReservedKeyedByTheOrder() {
        String listingId = listing(4);
        Order order = Order.of(listingId, 3, newUser().id());

        orders.created(order, null);

        awaitStatus(order.id(), "HELD");
        StoredMessage confirmation = awaitAnswer("TICKET.reserved", order.id());
        assertThat(confirmation.subject()).isEqualTo("TICKET.reserved." + order.id());
        assertThat(confirmation.data().get("ticketId").asString()).isEqualTo(listingId);
        assertThat(confirmation.data().get("quantity").asInt()).isEqualTo(3);
        assertThat(confirmation.envelope().get("aggregateVersion").asLong()).isEqualTo(1);
        awaitQuiet();
        assertThat(listingUpdates(listingId))
                .as("a stock movement publishes no TICKET.updated")
                .isEmpty();
        assertThat(counters(listingId)).isEqualTo(new Counters(4, 3, 0, 1));
        JsonNode shown = http.get("/api/tickets/" + listingId, null).body();
        assertThat(shown.get("available").asInt()).isEqualTo(1);
        assertThat(shown.get("orderId").asString()).isEqualTo(order.id().toString());
    }

    @Test
    void notEnoughUnitsIsRejectedWithInsufficientInventoryAndHoldsNothing() {
        String listingId = listing(2);
        Order order = Order.of(listingId, 3, newUser().id());

        orders.created(order, null);

        StoredMessage rejected = awaitAnswer("TICKET.reservation-rejected", order.id());
        assertThat(rejected.data().get("ticketId").asString()).isEqualTo(listingId);
        assertThat(rejected.data().get("reason").asString()).isEqualTo("INSUFFICIENT_INVENTORY");
        assertThat(status(order.id())).contains("REJECTED");
        assertThat(counters(listingId)).isEqualTo(new Counters(2, 0, 0, 0));
        assertThat(answers("TICKET.reserved", order.id())).isEmpty();
    }

    @Test
    void anUnknownListingIsRejectedWithInsufficientInventory() {
        Order order = Order.of(UUID.randomUUID().toString(), 1, newUser().id());

        orders.created(order, null);

        StoredMessage rejected = awaitAnswer("TICKET.reservation-rejected", order.id());
        assertThat(rejected.data().get("reason").asString()).isEqualTo("INSUFFICIENT_INVENTORY");
        assertThat(status(order.id())).contains("REJECTED");
    }

    @Test
    void fifteenBuyersOfTenUnitsGetExactlyTenHoldsAndNeverOversell() {
        String listingId = listing(10);
        List<Order> placed = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Order order = Order.of(listingId, 1, newUser().id());
            placed.add(order);
            orders.created(order, null);
        }

        AtomicInteger maxReserved = new AtomicInteger();
        boolean allAnswered = Poll.until(
                () -> {
                    maxReserved.accumulateAndGet(counters(listingId).reserved(), Math::max);
                    return placed.stream().allMatch(o -> status(o.id()).isPresent())
                            && tickets.messages(TICKETS).stream()
                                            .filter(e -> e.subject().startsWith("TICKET."))
                                            .count()
                                    >= 1 + 15;
                },
                TIMEOUT);

        assertThat(allAnswered).isTrue();
        assertThat(maxReserved.get()).isLessThanOrEqualTo(10);
        List<String> statuses =
                placed.stream().map(o -> status(o.id()).orElseThrow()).toList();
        assertThat(statuses).filteredOn("HELD"::equals).hasSize(10);
        assertThat(statuses).filteredOn("REJECTED"::equals).hasSize(5);
        assertThat(counters(listingId)).isEqualTo(new Counters(10, 10, 0, 10));
        assertThat(placed.stream()
                        .mapToInt(o -> answers("TICKET.reserved", o.id()).size())
                        .sum())
                .isEqualTo(10);
        assertThat(placed.stream()
                        .mapToInt(o ->
                                answers("TICKET.reservation-rejected", o.id()).size())
                        .sum())
                .isEqualTo(5);
        assertThat(http.get("/api/tickets/" + listingId, null)
                        .body()
                        .get("available")
                        .asInt())
                .isZero();
    }

    @Test
    void faultInjectionHeaderIsIgnoredWhenFaultsAreDisabled() {
        String listingId = listing(1);
        Order order = Order.of(listingId, 1, newUser().id());

        orders.created(order, "reserve=fail");
        awaitStatus(order.id(), "HELD");
        orders.paid(order, "delivery=fail");

        awaitAnswer("TICKET.delivered", order.id());
        assertThat(answers("TICKET.reservation-rejected", order.id())).isEmpty();
        assertThat(answers("TICKET.delivery-failed", order.id())).isEmpty();
    }

    // --- ORDER.paid: the delivery step

    @Test
    void orderPaidSellsTheUnitsAndIssuesUniqueCodesVisibleToTheBuyerOnly() {
        String listingId = listing(5);
        User buyer = newUser();
        Order order = Order.of(listingId, 3, buyer.id());
        orders.created(order, null);
        awaitStatus(order.id(), "HELD");

        orders.paid(order, null);

        StoredMessage delivered = awaitAnswer("TICKET.delivered", order.id());
        assertThat(delivered.data().get("ticketId").asString()).isEqualTo(listingId);
        assertThat(delivered.data().get("quantity").asInt()).isEqualTo(3);
        assertThat(status(order.id())).contains("SOLD");
        assertThat(counters(listingId)).isEqualTo(new Counters(5, 0, 3, 2));
        awaitQuiet();
        assertThat(listingUpdates(listingId))
                .as("a sale publishes no TICKET.updated")
                .isEmpty();

        List<String> codes = codes(order.id(), true);
        assertThat(codes)
                .hasSize(3)
                .doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[A-Za-z0-9_-]{22}"));
        Http.Response purchased = http.get("/api/tickets/purchased", buyer.token());
        assertThat(purchased.status()).isEqualTo(200);
        assertThat(purchased
                        .body()
                        .valueStream()
                        .map(t -> t.get("code").asString())
                        .toList())
                .containsExactlyInAnyOrderElementsOf(codes);
        JsonNode first = purchased.body().get(0);
        assertThat(first.get("ticketId").asString()).isEqualTo(listingId);
        assertThat(first.get("orderId").asString()).isEqualTo(order.id().toString());
        assertThat(first.get("title").asString()).isEqualTo("Concert");
        assertThat(first.get("issuedAt").isNull()).isFalse();
        assertThat(http.get("/api/tickets/purchased", newUser().token()).body()).isEmpty();
        JsonNode shown = http.get("/api/tickets/" + listingId, null).body();
        assertThat(shown.get("available").asInt()).isEqualTo(2);
        assertThat(shown.get("orderId").isNull()).isTrue();
    }

    @Test
    void orderPaidWithoutHeldUnitsFailsDelivery() {
        String listingId = listing(1);
        Order rejected = Order.of(listingId, 2, newUser().id());
        orders.created(rejected, null);
        awaitStatus(rejected.id(), "REJECTED");

        orders.paid(rejected, null);

        StoredMessage failed = awaitAnswer("TICKET.delivery-failed", rejected.id());
        assertThat(failed.data().get("ticketId").asString()).isEqualTo(listingId);
        assertThat(failed.data().get("reason").asString()).isEqualTo("DELIVERY_FAILED");
        assertThat(codes(rejected.id(), true)).isEmpty();
        assertThat(counters(listingId)).isEqualTo(new Counters(1, 0, 0, 0));
    }

    @Test
    void orderPaidBeforeItsReservationWaitsForItInsteadOfFailing() {
        String listingId = listing(1);
        Order order = Order.of(listingId, 1, newUser().id());

        orders.paid(order, null);
        // the payment is retried while no reservation row exists, and fails nothing meanwhile
        assertThat(Poll.until(() -> deliveries("tickets-ORDER_paid") >= 2, TIMEOUT))
                .isTrue();
        assertThat(answers("TICKET.delivery-failed", order.id())).isEmpty();
        assertThat(status(order.id())).isEmpty();
        orders.created(order, null);

        awaitAnswer("TICKET.delivered", order.id());
        assertThat(answers("TICKET.delivery-failed", order.id())).isEmpty();
        assertThat(status(order.id())).contains("SOLD");
        assertThat(codes(order.id(), true)).hasSize(1);
    }

    // --- ORDER.cancelled: compensation

    @Test
    void cancelReleasesHeldUnitsAndTheListingCanBeEditedAgain() {
        User seller = newUser();
        String listingId = createListing(seller, body("title", "Concert", "price", 20, "quantity", 2))
                .get("id")
                .asString();
        Order order = Order.of(listingId, 2, newUser().id());
        orders.created(order, null);
        awaitStatus(order.id(), "HELD");

        Http.Response locked = http.put(
                "/api/tickets/" + listingId, seller.token(), body("title", "Renamed", "price", 25, "quantity", 2));
        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.errors()).containsExactly(java.util.Map.of("message", "Cannot edit a reserved ticket"));

        orders.cancelled(order, "CANCELLED");

        awaitStatus(order.id(), "RELEASED");
        assertThat(counters(listingId)).isEqualTo(new Counters(2, 0, 0, 2));
        awaitQuiet();
        assertThat(listingUpdates(listingId))
                .as("a release publishes no TICKET.updated")
                .isEmpty();
        Http.Response edited = http.put(
                "/api/tickets/" + listingId, seller.token(), body("title", "Renamed", "price", 25, "quantity", 2));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.body().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void cancelAfterDeliveryRevokesTheCodesAndReturnsTheUnits() {
        String listingId = listing(3);
        User buyer = newUser();
        Order order = Order.of(listingId, 2, buyer.id());
        orders.created(order, null);
        awaitStatus(order.id(), "HELD");
        orders.paid(order, null);
        awaitStatus(order.id(), "SOLD");
        List<String> issued = codes(order.id(), true);

        orders.cancelled(order, "TIMEOUT");

        awaitStatus(order.id(), "REVOKED");
        assertThat(codes(order.id(), true)).isEmpty();
        assertThat(codes(order.id(), false)).containsExactlyInAnyOrderElementsOf(issued);
        assertThat(counters(listingId)).isEqualTo(new Counters(3, 0, 0, 3));
        assertThat(http.get("/api/tickets/purchased", buyer.token()).body()).isEmpty();
        awaitQuiet();
        assertThat(listingUpdates(listingId))
                .as("stock movements publish no TICKET.updated")
                .isEmpty();
    }

    @Test
    void cancelBeforeCreatedLeavesATombstoneSoTheLateOrderReservesNothing() {
        String listingId = listing(1);
        Order order = Order.of(listingId, 1, newUser().id());

        orders.cancelled(order, "TIMEOUT");
        awaitStatus(order.id(), "RELEASED");
        orders.created(order, null);
        awaitQuiet();

        assertThat(status(order.id())).contains("RELEASED");
        assertThat(counters(listingId)).isEqualTo(new Counters(1, 0, 0, 0));
        assertThat(answers("TICKET.reserved", order.id())).isEmpty();
        assertThat(answers("TICKET.reservation-rejected", order.id())).isEmpty();
    }

    @Test
    void cancelOfARejectedOrderChangesNothing() {
        String listingId = listing(1);
        Order order = Order.of(listingId, 5, newUser().id());
        orders.created(order, null);
        awaitStatus(order.id(), "REJECTED");

        orders.cancelled(order, "INSUFFICIENT_INVENTORY");
        awaitQuiet();

        assertThat(status(order.id())).contains("REJECTED");
        assertThat(counters(listingId)).isEqualTo(new Counters(1, 0, 0, 0));
    }

    // --- duplicates: every event takes effect once

    @Test
    void duplicateDeliveriesOfEveryEventTakeEffectOnce() {
        String listingId = listing(4);
        Order order = Order.of(listingId, 2, newUser().id());

        Envelope<?> created = orders.created(order, null);
        orders.redeliver(created, null); // the same event twice: the inbox skips it
        orders.created(order, null); // the order published again under a new event id: the row decides
        awaitStatus(order.id(), "HELD");
        awaitQuiet();
        assertThat(counters(listingId)).isEqualTo(new Counters(4, 2, 0, 1));
        assertThat(answers("TICKET.reserved", order.id())).hasSize(1);

        Envelope<?> paid = orders.paid(order, null);
        orders.redeliver(paid, null);
        orders.paid(order, null);
        awaitStatus(order.id(), "SOLD");
        awaitQuiet();
        assertThat(counters(listingId)).isEqualTo(new Counters(4, 0, 2, 2));
        assertThat(codes(order.id(), true)).hasSize(2);
        assertThat(answers("TICKET.delivered", order.id())).hasSize(1);
        assertThat(answers("TICKET.delivery-failed", order.id())).isEmpty();

        Envelope<?> cancelled = orders.cancelled(order, "TIMEOUT");
        orders.redeliver(cancelled, null);
        orders.cancelled(order, "TIMEOUT");
        awaitStatus(order.id(), "REVOKED");
        awaitQuiet();
        assertThat(counters(listingId)).isEqualTo(new Counters(4, 0, 0, 3));
        assertThat(codes(order.id(), false)).hasSize(2);
        assertThat(new HashSet<>(codes(order.id(), false))).hasSize(2);
    }
}
