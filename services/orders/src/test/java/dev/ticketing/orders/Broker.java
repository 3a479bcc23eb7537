package dev.ticketing.orders;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.Stream;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.NatsMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The test's side of JetStream: publishes the envelopes tickets, payments and expiration would send, and reads
 * back what the orders service published on the ORDERS stream.
 */
public final class Broker implements AutoCloseable {

    /** An envelope as published, so that it can be delivered again. */
    public record Published(EventType<?> type, UUID eventId, String payload) {
    }

    /** A message stored on the ORDERS stream. */
    public record OrderMessage(String subject, Map<String, String> headers, JsonNode envelope) {

        public JsonNode data() {
            return envelope.get("data");
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    private final Connection connection;

    public Broker(String natsUrl) {
        try {
            connection = Nats.connect(natsUrl);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot connect to " + natsUrl, e);
        }
    }

    // --- tickets

    public Published ticketCreated(String listingId, String sellerId, String title, String price, int quantity) {
        return publish(Events.TICKET_CREATED, listingId, 0, data("id", listingId, "version", 0, "title", title,
                "price", new BigDecimal(price), "quantity", quantity, "userId", sellerId));
    }

    public Published ticketUpdated(String listingId, long version, String sellerId, String title, String price,
                                   int quantity, String orderId) {
        return publish(Events.TICKET_UPDATED, listingId, version, data("id", listingId, "version", version,
                "title", title, "price", new BigDecimal(price), "quantity", quantity, "userId", sellerId,
                "orderId", orderId));
    }

    public Published reservationRejected(String orderId, String listingId, String reason) {
        return publish(Events.TICKET_RESERVATION_REJECTED, listingId, 1,
                data("orderId", orderId, "ticketId", listingId, "reason", reason));
    }

    public Published delivered(String orderId, String listingId, int quantity) {
        return publish(Events.TICKET_DELIVERED, listingId, 1,
                data("orderId", orderId, "ticketId", listingId, "quantity", quantity));
    }

    public Published deliveryFailed(String orderId, String listingId, String reason) {
        return publish(Events.TICKET_DELIVERY_FAILED, listingId, 1,
                data("orderId", orderId, "ticketId", listingId, "reason", reason));
    }

    // --- payments and expiration

    public Published paymentCreated(String paymentId, String orderId, String amount) {
        return publish(Events.PAYMENT_CREATED, paymentId, 0,
                data("id", paymentId, "orderId", orderId, "amount", new BigDecimal(amount)));
    }

    public Published paymentFailed(String orderId, String outcome) {
        return publish(Events.PAYMENT_FAILED, orderId, 0, data("orderId", orderId, "outcome", outcome));
    }

    public Published paymentRefunded(String paymentId, String orderId, String amount) {
        return publish(Events.PAYMENT_REFUNDED, paymentId, 1,
                data("id", paymentId, "orderId", orderId, "amount", new BigDecimal(amount)));
    }

    public Published expirationComplete(String orderId) {
        return publish(Events.EXPIRATION_COMPLETE, orderId, 0, data("orderId", orderId));
    }

    /** Delivers the same envelope (same event id) again, under a new message id so JetStream stores it. */
    public void redeliver(Published published) {
        send(published.type(), UUID.randomUUID().toString(), published.payload());
    }

    private Published publish(EventType<?> type, String aggregateId, long version, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type.subject());
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", aggregateId);
        envelope.put("aggregateVersion", version);
        envelope.put("data", data);
        String payload = Http.JSON.writeValueAsString(envelope);
        send(type, eventId.toString(), payload);
        return new Published(type, eventId, payload);
    }

    private void send(EventType<?> type, String msgId, String payload) {
        var headers = new io.nats.client.impl.Headers()
                .add(Headers.MSG_ID, msgId)
                .add(Headers.EVENT_TYPE, type.subject())
                .add(Headers.SCHEMA_VERSION, Integer.toString(Events.SCHEMA_VERSION));
        try {
            ensureStream(type.stream());
            connection.jetStream().publish(NatsMessage.builder().subject(type.subject()).headers(headers)
                    .data(payload.getBytes(StandardCharsets.UTF_8)).build());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish " + type, e);
        }
    }

    private void ensureStream(Stream stream) throws Exception {
        JetStreamManagement jsm = connection.jetStreamManagement();
        if (!jsm.getStreamNames().contains(stream.name())) {
            try {
                jsm.addStream(StreamConfiguration.builder().name(stream.name()).subjects(stream.subjects())
                        .storageType(StorageType.File).duplicateWindow(Duration.ofMinutes(2)).build());
            } catch (JetStreamApiException e) {
                if (!jsm.getStreamNames().contains(stream.name())) {
                    throw e;
                }
            }
        }
    }

    // --- what orders published

    /** Every ORDER.* message published for the order so far, oldest first. */
    public List<OrderMessage> orderEvents(String orderId) {
        return orderMessages().stream().filter(m -> orderId.equals(m.envelope().get("aggregateId").asString()))
                .toList();
    }

    public List<OrderMessage> orderEvents(String orderId, String subject) {
        return orderEvents(orderId).stream().filter(m -> m.subject().equals(subject)).toList();
    }

    private List<OrderMessage> orderMessages() {
        List<OrderMessage> messages = new ArrayList<>();
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            if (!jsm.getStreamNames().contains(Stream.ORDERS.name())) {
                return messages;
            }
            var state = jsm.getStreamInfo(Stream.ORDERS.name()).getStreamState();
            for (long seq = state.getFirstSequence(); state.getMsgCount() > 0 && seq <= state.getLastSequence(); seq++) {
                MessageInfo message = jsm.getMessage(Stream.ORDERS.name(), seq);
                var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
                if (message.getHeaders() != null) {
                    message.getHeaders().keySet().forEach(k -> headers.put(k, message.getHeaders().getFirst(k)));
                }
                messages.add(new OrderMessage(message.getSubject(), headers,
                        Http.JSON.readTree(new String(message.getData(), StandardCharsets.UTF_8))));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }

    /** True when the orders service's consumer of the event type has acknowledged everything on its stream. */
    public boolean drained(EventType<?> type) {
        try {
            ConsumerInfo info = connection.jetStreamManagement()
                    .getConsumerInfo(type.stream().name(), "orders-" + type.token());
            return info.getNumPending() == 0 && info.getNumAckPending() == 0;
        } catch (JetStreamApiException e) {
            return false; // not created yet
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        connection.close();
    }
}
