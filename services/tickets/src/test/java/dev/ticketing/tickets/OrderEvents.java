package dev.ticketing.tickets;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.TestBroker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for the orders service: publishes ORDER.* envelopes into the ORDERS stream the way its outbox relay
 * does ({@code Nats-Msg-Id} = event id, {@code event-type}, optional {@code fault-injection}).
 */
public final class OrderEvents implements AutoCloseable {

    private final TestBroker broker;
    private long orderVersion;

    public OrderEvents(String natsUrl) {
        broker = new TestBroker(natsUrl);
        broker.ensureStream(Stream.ORDERS);
    }

    /** An order of a test: its id, listing and quantity. */
    public record Order(UUID id, String ticketId, int quantity, String buyerId) {

        public static Order of(String ticketId, int quantity, String buyerId) {
            return new Order(UUID.randomUUID(), ticketId, quantity, buyerId);
        }
    }

    public Envelope<Events.OrderCreated> created(Order order, String faultInjection) {
        return publish(
                Events.ORDER_CREATED,
                order.id(),
                new Events.OrderCreated(
                        order.id().toString(),
                        0,
                        order.buyerId(),
                        OrderStatus.CREATED,
                        Instant.now().plusSeconds(900),
                        order.quantity(),
                        new BigDecimal("20.00"),
                        new Events.OrderTicket(order.ticketId(), new BigDecimal("20.00"), "seller")),
                faultInjection);
    }

    public Envelope<Events.OrderPaid> paid(Order order, String faultInjection) {
        return publish(
                Events.ORDER_PAID,
                order.id(),
                new Events.OrderPaid(order.id().toString(), 1, UUID.randomUUID().toString()),
                faultInjection);
    }

    public Envelope<Events.OrderCancelled> cancelled(Order order, String outcome) {
        return publish(
                Events.ORDER_CANCELLED,
                order.id(),
                new Events.OrderCancelled(
                        order.id().toString(),
                        2,
                        OrderOutcome.valueOf(outcome),
                        new Events.TicketRef(order.ticketId()),
                        order.quantity()),
                null);
    }

    public <T> Envelope<T> publish(EventType<T> type, UUID orderId, T data, String faultInjection) {
        var envelope =
                new Envelope<>(UUID.randomUUID(), type.name(), Instant.now(), orderId.toString(), ++orderVersion, data);
        redeliver(envelope, faultInjection);
        return envelope;
    }

    /**
     * Publishes the same envelope (same event id) again as a new stream message, as a redelivery or a relay that
     * republished after a lost PubAck past the duplicate window would: the consumer sees the event twice.
     */
    public void redeliver(Envelope<?> envelope, String faultInjection) {
        String msgId = UUID.randomUUID().toString(); // a fresh one, so JetStream stores it again
        broker.publish(
                Events.forSubject(envelope.type()),
                msgId,
                Http.JSON.writeValueAsString(envelope),
                faultInjection == null ? Map.of() : Map.of(Headers.FAULT_INJECTION, faultInjection));
    }

    @Override
    public void close() throws InterruptedException {
        broker.close();
    }
}
