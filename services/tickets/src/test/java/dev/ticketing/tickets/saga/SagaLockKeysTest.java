package dev.ticketing.tickets.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.platform.messaging.InboundEvent;
import dev.ticketing.tickets.OrderEvents.Order;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tickets' saga consumers (ORDER.created, ORDER.paid, ORDER.cancelled) all move a listing's stock row: each names
 * that listing as the lock key of its event, so that the platform handles their batches in listing order and two
 * of them never deadlock over two listings (docs/decisions/0073). ORDER.paid does not carry the listing: the
 * order's reservation tells it.
 */
class SagaLockKeysTest extends SagaTestBase {

    @Autowired
    OrderCreatedHandler created;

    @Autowired
    OrderPaidHandler paid;

    @Autowired
    OrderCancelledHandler cancelled;

    @Test
    void everySagaEventIsKeyedByTheListingWhoseStockItMoves() {
        String listingId = listing(3);
        Order order = Order.of(listingId, 1, newUser().id());
        Envelope<Events.OrderCreated> placed = orders.created(order, null);
        awaitStatus(order.id(), "HELD");

        assertThat(created.lockKey(inbound(placed))).isEqualTo(listingId);
        assertThat(paid.lockKey(inbound(
                        envelope(order.id(), new Events.OrderPaid(order.id().toString(), 2, "p")))))
                .as("looked up in the order's reservation")
                .isEqualTo(listingId);
        assertThat(cancelled.lockKey(inbound(envelope(
                        order.id(),
                        new Events.OrderCancelled(
                                order.id().toString(),
                                2,
                                OrderOutcome.CANCELLED,
                                new Events.TicketRef(listingId),
                                1)))))
                .isEqualTo(listingId);
    }

    @Test
    void theListingOfAnOrderReservedHereIsRememberedInsteadOfReadAgain() {
        String listingId = listing(3);
        Order order = Order.of(listingId, 1, newUser().id());
        orders.created(order, null);
        awaitStatus(order.id(), "HELD");
        // the row now names another listing (only a test does that): the right answer can only come from memory
        jdbc.sql("update reservations set listing_id = :other where order_id = :id")
                .param("other", UUID.fromString(listing(1)))
                .param("id", order.id())
                .update();

        assertThat(paid.lockKey(inbound(
                        envelope(order.id(), new Events.OrderPaid(order.id().toString(), 2, "p")))))
                .isEqualTo(listingId);
    }

    @Test
    void anOrderWithoutReservationOrAnUnreadableIdHasNoKey() {
        UUID unknown = UUID.randomUUID();
        assertThat(paid.lockKey(inbound(envelope(unknown, new Events.OrderPaid(unknown.toString(), 2, "p")))))
                .isEmpty();
        assertThat(paid.lockKey(inbound(envelope(unknown, new Events.OrderPaid("not-an-order-id", 2, "p")))))
                .isEmpty();
    }

    private static <T> Envelope<T> envelope(UUID orderId, T data) {
        return new Envelope<>(UUID.randomUUID(), "ORDER.test", Instant.now(), orderId.toString(), 2, data);
    }

    private static <T> InboundEvent<T> inbound(Envelope<T> envelope) {
        return new InboundEvent<>(envelope, Map.of(), 1);
    }
}
