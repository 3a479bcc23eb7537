package dev.ticketing.orders;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.TestBroker;
import dev.ticketing.platform.test.TestBroker.StoredMessage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The test's side of JetStream: publishes the envelopes tickets, payments and expiration would send, and reads
 * back what the orders service published on the ORDERS stream.
 */
public final class Broker implements AutoCloseable {

    /** An envelope as published, so that it can be delivered again. */
    public record Published(EventType<?> type, UUID eventId, String payload) {}

    private final TestBroker broker;

    public Broker(String natsUrl) {
        broker = new TestBroker(natsUrl);
    }

    // --- tickets

    public Published ticketCreated(String listingId, String sellerId, String title, String price, int quantity) {
        return publish(
                Events.TICKET_CREATED,
                listingId,
                0,
                data(
                        "id",
                        listingId,
                        "version",
                        0,
                        "title",
                        title,
                        "price",
                        new BigDecimal(price),
                        "quantity",
                        quantity,
                        "userId",
                        sellerId));
    }

    /** A seller's edit: the listing's whole details at a version. */
    public Published ticketUpdated(
            String listingId, long version, String sellerId, String title, String price, int quantity) {
        return publish(
                Events.TICKET_UPDATED,
                listingId,
                version,
                data(
                        "id",
                        listingId,
                        "version",
                        version,
                        "title",
                        title,
                        "price",
                        new BigDecimal(price),
                        "quantity",
                        quantity,
                        "userId",
                        sellerId));
    }

    /** The inventory step's answer: tickets holds the order's units. */
    public Published reserved(String orderId, String listingId, int quantity) {
        return publish(
                Events.TICKET_RESERVED,
                listingId,
                1,
                data("orderId", orderId, "ticketId", listingId, "quantity", quantity));
    }

    public Published reservationRejected(String orderId, String listingId, String reason) {
        return publish(
                Events.TICKET_RESERVATION_REJECTED,
                listingId,
                1,
                data("orderId", orderId, "ticketId", listingId, "reason", reason));
    }

    public Published delivered(String orderId, String listingId, int quantity) {
        return publish(
                Events.TICKET_DELIVERED,
                listingId,
                1,
                data("orderId", orderId, "ticketId", listingId, "quantity", quantity));
    }

    public Published deliveryFailed(String orderId, String listingId, String reason) {
        return publish(
                Events.TICKET_DELIVERY_FAILED,
                listingId,
                1,
                data("orderId", orderId, "ticketId", listingId, "reason", reason));
    }

    // --- payments and expiration

    public Published paymentCreated(String paymentId, String orderId, String amount) {
        return publish(
                Events.PAYMENT_CREATED,
                paymentId,
                0,
                data("id", paymentId, "orderId", orderId, "amount", new BigDecimal(amount)));
    }

    public Published paymentFailed(String orderId, String outcome) {
        return publish(Events.PAYMENT_FAILED, orderId, 0, data("orderId", orderId, "outcome", outcome));
    }

    public Published paymentRefunded(String paymentId, String orderId, String amount) {
        return publish(
                Events.PAYMENT_REFUNDED,
                paymentId,
                1,
                data("id", paymentId, "orderId", orderId, "amount", new BigDecimal(amount)));
    }

    public Published expirationComplete(String orderId) {
        return publish(Events.EXPIRATION_COMPLETE, orderId, 0, data("orderId", orderId));
    }

    /** Delivers the same envelope (same event id) again, under a new message id so JetStream stores it. */
    public void redeliver(Published published) {
        broker.publish(published.type(), UUID.randomUUID().toString(), published.payload());
    }

    private Published publish(EventType<?> type, String aggregateId, long version, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        String payload = TestBroker.envelope(type, eventId, aggregateId, version, data);
        broker.publish(type, eventId.toString(), payload);
        return new Published(type, eventId, payload);
    }

    // --- what orders published

    /** Every ORDER.* message published for the order so far, oldest first. */
    public List<StoredMessage> orderEvents(String orderId) {
        return broker.messages(Stream.ORDERS.name()).stream()
                .filter(m -> orderId.equals(m.envelope().get("aggregateId").asString()))
                .toList();
    }

    public List<StoredMessage> orderEvents(String orderId, String subject) {
        return orderEvents(orderId).stream()
                .filter(m -> Events.forSubject(m.subject()).name().equals(subject))
                .toList();
    }

    /** True when the orders service's consumer of the event type has acknowledged everything on its stream. */
    public boolean drained(EventType<?> type) {
        return broker.drained(type.stream(), "orders-" + type.token());
    }

    private static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return data;
    }

    @Override
    public void close() throws InterruptedException {
        broker.close();
    }
}
