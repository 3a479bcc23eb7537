package dev.ticketing.expiration;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.TestBroker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The test's side of JetStream: publishes ORDER.* envelopes as the orders service would, reads back what the
 * expiration service published on EXPIRATION, and tells when a durable consumer has nothing left in hand.
 */
final class Broker implements AutoCloseable {

    private final TestBroker broker;

    Broker(String url) {
        broker = new TestBroker(url);
    }

    /** Publishes ORDER.created for the order with a fresh event id; returns that id. */
    UUID orderCreated(String orderId, Instant expiresAt) {
        UUID eventId = UUID.randomUUID();
        orderCreated(eventId, UUID.randomUUID().toString(), orderId, expiresAt);
        return eventId;
    }

    /** Publishes ORDER.created with the given event id and message id (a redelivery has its own message id). */
    void orderCreated(UUID eventId, String msgId, String orderId, Instant expiresAt) {
        orderCreated(eventId, msgId, orderId, expiresAt, Map.of());
    }

    /** ORDER.created with extra message headers (e.g. the {@code traceparent} of the order's trace). */
    void orderCreated(UUID eventId, String msgId, String orderId, Instant expiresAt, Map<String, String> headers) {
        var ticket = Map.of("id", "ticket-1", "price", new BigDecimal("10.00"), "sellerId", "seller-1");
        var data = new LinkedHashMap<String, Object>();
        data.put("id", orderId);
        data.put("version", 1);
        data.put("userId", "buyer-1");
        data.put("status", "created");
        data.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        data.put("quantity", 1);
        data.put("unitPrice", new BigDecimal("10.00"));
        data.put("ticket", ticket);
        broker.publish(
                Events.ORDER_CREATED,
                msgId,
                TestBroker.envelope(Events.ORDER_CREATED, eventId, orderId, 1, data),
                headers);
    }

    /** The {@code EXPIRATION.complete} messages published for the order so far, with their headers. */
    List<TestBroker.StoredMessage> expirationMessagesOf(String orderId) {
        return broker.messages(Stream.EXPIRATION.name()).stream()
                .filter(message -> Events.EXPIRATION_COMPLETE.matches(message.subject()))
                .filter(message -> orderId.equals(
                        message.envelope().get("data").get("orderId").asString()))
                .toList();
    }

    /** Publishes ORDER.cancelled for the order; returns its event id. */
    UUID orderCancelled(String orderId) {
        return publishNew(
                Events.ORDER_CANCELLED,
                orderId,
                2,
                Map.of(
                        "id",
                        orderId,
                        "version",
                        2,
                        "outcome",
                        "CANCELLED",
                        "ticket",
                        Map.of("id", "ticket-1"),
                        "quantity",
                        1));
    }

    /** Publishes ORDER.paid for the order; returns its event id. */
    UUID orderPaid(String orderId) {
        return publishNew(
                Events.ORDER_PAID,
                orderId,
                3,
                Map.of(
                        "id",
                        orderId,
                        "version",
                        3,
                        "paymentId",
                        UUID.randomUUID().toString()));
    }

    /** Publishes an event of the order with a fresh event id (also its message id); returns that id. */
    private UUID publishNew(EventType<?> type, String orderId, long version, Map<String, ?> data) {
        UUID eventId = UUID.randomUUID();
        publish(type, eventId, eventId.toString(), orderId, version, data);
        return eventId;
    }

    private void publish(
            EventType<?> type, UUID eventId, String msgId, String orderId, long version, Map<String, ?> data) {
        broker.publish(type, msgId, TestBroker.envelope(type, eventId, orderId, version, data));
    }

    /** The {@code EXPIRATION.complete} envelopes published for the order so far. */
    List<JsonNode> expirationsOf(String orderId) {
        return broker.messages(Stream.EXPIRATION.name()).stream()
                .filter(message -> Events.EXPIRATION_COMPLETE.matches(message.subject()))
                .map(TestBroker.StoredMessage::envelope)
                .filter(envelope ->
                        orderId.equals(envelope.get("data").get("orderId").asString()))
                .toList();
    }

    /** True when the durable consumer of the event type has acknowledged everything on its stream. */
    boolean drained(EventType<?> type) {
        return broker.drained(type.stream(), "expiration-" + type.token());
    }

    @Override
    public void close() throws InterruptedException {
        broker.close();
    }
}
