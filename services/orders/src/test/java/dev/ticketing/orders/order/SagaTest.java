package dev.ticketing.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.orders.Broker;
import dev.ticketing.orders.OrdersServiceTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The answers of tickets, payments and expiration, fed into the streams, and what orders does with them. */
class SagaTest extends OrdersServiceTest {

    private String title(String listing) {
        return jdbc.sql("select title from listing_replica where id = :id")
                .param("id", UUID.fromString(listing))
                .query(String.class)
                .single();
    }

    private long version(String orderId) {
        return jdbc.sql("select version from orders where id = :id")
                .param("id", UUID.fromString(orderId))
                .query(Long.class)
                .single();
    }

    private boolean reserveConfirmed(String orderId) {
        return jdbc.sql("select reserve_confirmed from orders where id = :id")
                .param("id", UUID.fromString(orderId))
                .query(Boolean.class)
                .single();
    }

    private List<String> timelineDetails(String orderId) {
        return jdbc.sql("select detail from order_timeline where order_id = :id order by at, id")
                .param("id", UUID.fromString(orderId))
                .query(String.class)
                .list();
    }

    private JsonNode awaitEvent(String orderId, String subject) {
        await(
                subject + " of " + orderId,
                () -> !broker.orderEvents(orderId, subject).isEmpty());
        return broker.orderEvents(orderId, subject).getFirst().data();
    }

    // --- the replica

    @Test
    void ticketCreatedIsReplicatedOnce() {
        User seller = newUser();
        String id = UUID.randomUUID().toString();
        Broker.Published created = broker.ticketCreated(id, seller.id(), "Opera", "30.00", 4);
        broker.redeliver(created);
        broker.ticketCreated(id, seller.id(), "Other title", "1.00", 1); // another event, same listing: no-op
        await("TICKET.created consumed", () -> broker.drained(Events.TICKET_CREATED));

        assertThat(count("select count(*) from listing_replica")).isEqualTo(1);
        assertThat(title(id)).isEqualTo("Opera");
        assertThat(replicaVersion(id)).isZero();
    }

    @Test
    void aNewerUpdateAppliesAtOnceWhateverCameBetweenAndAnOlderOneIsSkipped() {
        User seller = newUser();
        String id = listing(seller, "10", 5);
        order(newUser(), id, 1);

        // versions also count stock movements, which no event carries: v1 and v2 never come
        broker.ticketUpdated(id, 3, seller.id(), "v3", "13", 7);
        await("replica at v3", () -> replicaVersion(id) == 3);
        assertThat(title(id)).isEqualTo("v3");

        broker.ticketUpdated(id, 2, seller.id(), "stale v2", "99", 5); // older: skipped
        await("TICKET.updated consumed", () -> broker.drained(Events.TICKET_UPDATED));
        assertThat(replicaVersion(id)).isEqualTo(3);
        assertThat(title(id)).isEqualTo("v3");
        assertThat(counters(id)).as("counters are owned by orders").containsExactly(1, 0);
        assertThat(count("select count(*) from messaging_dead_letter")).isZero();
    }

    @Test
    void anUpdateThatOvertookItsListingsCreationCreatesTheReplica() {
        User seller = newUser();
        String id = UUID.randomUUID().toString();

        broker.ticketUpdated(id, 4, seller.id(), "Edited", "15", 3);
        await("replica at v4", () -> replicaVersion(id) != null && replicaVersion(id) == 4);
        broker.ticketCreated(id, seller.id(), "Concert", "10", 2); // late: the replica is already newer
        await("TICKET.created consumed", () -> broker.drained(Events.TICKET_CREATED));

        assertThat(title(id)).isEqualTo("Edited");
        assertThat(order(newUser(), id, 3).get("unitPrice").decimalValue()).isEqualByComparingTo("15");
    }

    @Test
    void anOrderKeepsItsUnitPriceWhenTheListingPriceChanges() {
        User seller = newUser();
        User buyer = newUser();
        String listing = listing(seller, "10.00", 5);
        String id = order(buyer, listing, 2).get("id").asString();

        broker.ticketUpdated(listing, 1, seller.id(), "Concert", "25.00", 5);
        await("replica at v1", () -> replicaVersion(listing) == 1);

        JsonNode order = http.get("/api/orders/" + id, buyer.token()).body();
        assertThat(order.get("unitPrice").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(order.get("ticket").get("price").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(order(buyer, listing, 1).get("unitPrice").decimalValue()).isEqualByComparingTo("25.00");
    }

    // --- reserve step

    @Test
    void ticketReservedConfirmsTheReservation() {
        User seller = newUser();
        String listing = listing(seller, "10", 5);
        String id = order(newUser(), listing, 1).get("id").asString();

        broker.reserved(id, listing, 1);
        await("reservation confirmed", () -> reserveConfirmed(id));
        assertThat(status(id)).isEqualTo("created");
        assertThat(version(id)).isZero();
        assertThat(timelineDetails(id)).contains("units reserved by tickets");
    }

    @Test
    void reservationRejectedCancelsWithTheReasonAndReleasesTheUnits() {
        String listing = listing(newUser(), "10", 3);
        String id = order(newUser(), listing, 2).get("id").asString();

        broker.reservationRejected(id, listing, "INSUFFICIENT_INVENTORY");
        awaitStatus(id, "cancelled");

        assertThat(outcome(id)).isEqualTo("INSUFFICIENT_INVENTORY");
        assertThat(counters(listing)).containsExactly(0, 0);
        JsonNode cancelled = awaitEvent(id, "ORDER.cancelled");
        assertThat(cancelled.get("outcome").asString()).isEqualTo("INSUFFICIENT_INVENTORY");
        assertThat(cancelled.get("version").asLong()).isEqualTo(1);
        assertThat(cancelled.get("quantity").asInt()).isEqualTo(2);
        assertThat(cancelled.get("ticket").get("id").asString()).isEqualTo(listing);
    }

    // --- payment step

    @Test
    void paymentCreatedPaysTheOrderAndPublishesOrderPaid() {
        String listing = listing(newUser(), "10", 1);
        String id = order(newUser(), listing, 1).get("id").asString();
        String paymentId = UUID.randomUUID().toString();

        broker.paymentCreated(paymentId, id, "10.00");
        awaitStatus(id, "paid");

        JsonNode paid = awaitEvent(id, "ORDER.paid");
        assertThat(paid.get("id").asString()).isEqualTo(id);
        assertThat(paid.get("version").asLong()).isEqualTo(1);
        assertThat(paid.get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(outcome(id)).isNull();
        assertThat(count("select count(*) from orders where delivery_deadline is not null"))
                .isEqualTo(1);
    }

    /** No guess at an outcome the contract does not know (it used to become UNKNOWN): the message is parked. */
    @Test
    void anUnknownPaymentOutcomeIsDeadLetteredNamingTheFieldAndTheValue() {
        String listing = listing(newUser(), "10", 1);
        String id = order(newUser(), listing, 1).get("id").asString();

        var published = broker.paymentFailed(id, "OUT_OF_CREDIT");
        await(
                "the dead letter",
                () -> count("select count(*) from messaging_dead_letter where event_id = '" + published.eventId() + "'")
                        == 1);

        String error = jdbc.sql("select error from messaging_dead_letter where event_id = :id")
                .param("id", published.eventId())
                .query(String.class)
                .single();
        assertThat(error)
                .contains("Cannot read a PAYMENT.failed envelope: data.outcome: \"OUT_OF_CREDIT\" is not a "
                        + "PaymentFailure (one of INSUFFICIENT_FUND, UNKNOWN, TIMEOUT)");
        assertThat(status(id)).isEqualTo("created");
        assertThat(outcome(id)).isNull();
        // the table is not truncated between tests, and others check that nothing else was ever parked
        jdbc.sql("delete from messaging_dead_letter where event_id = :id")
                .param("id", published.eventId())
                .update();
    }

    @Test
    void paymentFailedCancelsWithThatOutcome() {
        String listing = listing(newUser(), "10", 1);
        String id = order(newUser(), listing, 1).get("id").asString();

        broker.paymentFailed(id, "INSUFFICIENT_FUND");
        awaitStatus(id, "cancelled");

        assertThat(outcome(id)).isEqualTo("INSUFFICIENT_FUND");
        assertThat(awaitEvent(id, "ORDER.cancelled").get("outcome").asString()).isEqualTo("INSUFFICIENT_FUND");
        assertThat(counters(listing)).containsExactly(0, 0);
    }

    @Test
    void aPaymentAfterTheCancelLeavesTheOrderCancelled() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 1);
        String id = order(buyer, listing, 1).get("id").asString();
        assertThat(http.delete("/api/orders/" + id, buyer.token()).status()).isEqualTo(204);

        broker.paymentCreated(UUID.randomUUID().toString(), id, "10.00");
        await(
                "late payment on the timeline",
                () -> timelineDetails(id).stream().anyMatch(d -> d.contains("late payment")));

        assertThat(status(id)).isEqualTo("cancelled");
        assertThat(outcome(id)).isEqualTo("CANCELLED");
        assertThat(broker.orderEvents(id, "ORDER.paid")).isEmpty();
        assertThat(count(
                        "select count(*) from messaging_outbox where headers->>'event-type' = 'ORDER.paid' and aggregate_id = '"
                                + id + "'"))
                .isZero();
    }

    @Test
    void aRefundIsShownOnTheTimeline() {
        String id = order(newUser(), listing(newUser(), "10", 1), 1).get("id").asString();
        broker.paymentRefunded(UUID.randomUUID().toString(), id, "10.00");
        await("refund on the timeline", () -> timelineDetails(id).stream().anyMatch(d -> d.startsWith("refunded 10")));
        assertThat(status(id)).isEqualTo("created");
    }

    // --- expiration

    @Test
    void expirationCancelsAnUnpaidOrderAsExpired() {
        String listing = listing(newUser(), "10", 1);
        String id = order(newUser(), listing, 1).get("id").asString();

        broker.expirationComplete(id);
        awaitStatus(id, "cancelled");

        assertThat(outcome(id)).isEqualTo("EXPIRED");
        assertThat(awaitEvent(id, "ORDER.cancelled").get("outcome").asString()).isEqualTo("EXPIRED");
        assertThat(counters(listing)).containsExactly(0, 0);
    }

    @Test
    void expirationOfAPaidOrderChangesNothing() {
        String listing = listing(newUser(), "10", 1);
        String id = order(newUser(), listing, 1).get("id").asString();
        broker.paymentCreated(UUID.randomUUID().toString(), id, "10.00");
        awaitStatus(id, "paid");

        broker.expirationComplete(id);
        await(
                "expiration on the timeline",
                () -> timelineDetails(id).stream().anyMatch(d -> d.contains("expired while paid")));

        assertThat(status(id)).isEqualTo("paid");
        assertThat(version(id)).isEqualTo(1);
        assertThat(counters(listing)).containsExactly(1, 0);
    }

    // --- delivery step

    @Test
    void deliveryCompletesTheOrderAndSellsTheUnits() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 3);
        String id = order(buyer, listing, 2).get("id").asString();
        broker.paymentCreated(UUID.randomUUID().toString(), id, "20.00");
        awaitStatus(id, "paid");

        broker.delivered(id, listing, 2);
        awaitStatus(id, "complete");

        assertThat(outcome(id)).isEqualTo("SUCCESS");
        assertThat(counters(listing)).containsExactly(0, 2);
        JsonNode completed = awaitEvent(id, "ORDER.completed");
        assertThat(completed.get("id").asString()).isEqualTo(id);
        assertThat(completed.get("version").asLong()).isEqualTo(2);
        JsonNode order = http.get("/api/orders/" + id, buyer.token()).body();
        assertThat(order.get("status").asString()).isEqualTo("complete");
        assertThat(order.get("outcome").asString()).isEqualTo("SUCCESS");
        JsonNode timeline =
                http.get("/api/orders/" + id + "/timeline", buyer.token()).body();
        assertThat(timeline.valueStream().map(e -> e.get("step").asString()).toList())
                .containsExactly("create", "payment", "delivery");
        assertThat(timeline.get(2).get("service").asString()).isEqualTo("tickets");
    }

    @Test
    void deliveryFailedCancelsAPaidOrder() {
        String listing = listing(newUser(), "10", 1);
        String id = order(newUser(), listing, 1).get("id").asString();
        broker.paymentCreated(UUID.randomUUID().toString(), id, "10.00");
        awaitStatus(id, "paid");

        broker.deliveryFailed(id, listing, "DELIVERY_FAILED"); // what tickets sends; an unknown text is parked
        awaitStatus(id, "cancelled");

        assertThat(outcome(id)).isEqualTo("DELIVERY_FAILED");
        JsonNode cancelled = awaitEvent(id, "ORDER.cancelled");
        assertThat(cancelled.get("version").asLong()).isEqualTo(2);
        assertThat(counters(listing)).containsExactly(0, 0);
    }

    @Test
    void anIllegalAnswerIsRecordedAndNeverApplied() {
        String listing = listing(newUser(), "10", 1);
        String id = order(newUser(), listing, 1).get("id").asString();

        broker.delivered(id, listing, 1); // not paid yet
        await("rejection on the timeline", () -> timelineDetails(id).stream().anyMatch(d -> d.startsWith("rejected:")));

        assertThat(status(id)).isEqualTo("created");
        assertThat(counters(listing)).containsExactly(1, 0);
        assertThat(broker.orderEvents(id, "ORDER.completed")).isEmpty();
    }

    // --- duplicates

    @Test
    void everyHandledEventDeliveredTwiceTakesEffectOnce() {
        User seller = newUser();
        String listing = listing(seller, "10", 10);
        String paidThenDelivered = order(newUser(), listing, 2).get("id").asString();
        String rejected = order(newUser(), listing, 1).get("id").asString();
        String failed = order(newUser(), listing, 1).get("id").asString();
        String expired = order(newUser(), listing, 1).get("id").asString();
        String deliveryFailed = order(newUser(), listing, 1).get("id").asString();
        String paymentId = UUID.randomUUID().toString();

        twice(broker.reserved(paidThenDelivered, listing, 1));
        twice(broker.paymentCreated(paymentId, paidThenDelivered, "20"));
        awaitStatus(paidThenDelivered, "paid");
        twice(broker.delivered(paidThenDelivered, listing, 2));
        twice(broker.reservationRejected(rejected, listing, "UNKNOWN"));
        twice(broker.paymentFailed(failed, "TIMEOUT"));
        twice(broker.expirationComplete(expired));
        twice(broker.paymentCreated(UUID.randomUUID().toString(), deliveryFailed, "10"));
        awaitStatus(deliveryFailed, "paid");
        twice(broker.deliveryFailed(deliveryFailed, listing, "UNKNOWN"));
        twice(broker.paymentRefunded(UUID.randomUUID().toString(), deliveryFailed, "10"));
        // the same payment announced again under a new event id is recognised as well
        broker.paymentCreated(paymentId, paidThenDelivered, "20");

        for (var type : List.of(
                Events.TICKET_RESERVED,
                Events.PAYMENT_CREATED,
                Events.TICKET_DELIVERED,
                Events.TICKET_RESERVATION_REJECTED,
                Events.PAYMENT_FAILED,
                Events.EXPIRATION_COMPLETE,
                Events.TICKET_DELIVERY_FAILED,
                Events.PAYMENT_REFUNDED)) {
            await(type + " consumed", () -> broker.drained(type));
        }
        assertThat(status(paidThenDelivered)).isEqualTo("complete");
        assertThat(version(paidThenDelivered)).isEqualTo(2);
        assertThat(outcome(rejected)).isEqualTo("UNKNOWN");
        assertThat(outcome(failed)).isEqualTo("TIMEOUT");
        assertThat(outcome(expired)).isEqualTo("EXPIRED");
        assertThat(outcome(deliveryFailed)).isEqualTo("UNKNOWN");
        for (String id : List.of(paidThenDelivered, rejected, failed, expired, deliveryFailed)) {
            assertThat(count("select count(*) from messaging_outbox where aggregate_id = '" + id
                            + "' and headers->>'event-type' in ('ORDER.completed', 'ORDER.cancelled')"))
                    .as(id)
                    .isEqualTo(1);
        }
        assertThat(count(
                        "select count(*) from messaging_outbox where headers->>'event-type' = 'ORDER.paid' and aggregate_id in ('"
                                + paidThenDelivered + "', '" + deliveryFailed + "')"))
                .isEqualTo(2);
        assertThat(replicaVersion(listing))
                .as("confirmations do not touch the replica's details")
                .isZero();
        assertThat(counters(listing)).as("2 sold, nothing else held").containsExactly(0, 2);
        assertThat(timelineDetails(deliveryFailed).stream().filter(d -> d.startsWith("refunded")))
                .hasSize(1);
        assertThat(timelineDetails(paidThenDelivered).stream().filter(d -> d.equals("units reserved by tickets")))
                .hasSize(1);
    }

    private void twice(Broker.Published published) {
        broker.redeliver(published);
    }
}
