package dev.ticketing.expiration;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.Stream;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
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
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test's side of JetStream: publishes ORDER.* envelopes as the orders service would, reads back what the
 * expiration service published on EXPIRATION, and tells when a durable consumer has nothing left in hand.
 */
final class Broker implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Connection connection;

    Broker(String url) {
        try {
            connection = io.nats.client.Nats.connect(url);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot connect to " + url, e);
        }
    }

    /** Publishes ORDER.created for the order with a fresh event id; returns that id. */
    UUID orderCreated(String orderId, Instant expiresAt) {
        UUID eventId = UUID.randomUUID();
        orderCreated(eventId, UUID.randomUUID().toString(), orderId, expiresAt);
        return eventId;
    }

    /** Publishes ORDER.created with the given event id and message id (a redelivery has its own message id). */
    void orderCreated(UUID eventId, String msgId, String orderId, Instant expiresAt) {
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
        publish(Events.ORDER_CREATED, eventId, msgId, orderId, 1, data);
    }

    /** Publishes ORDER.cancelled for the order; returns its event id. */
    UUID orderCancelled(String orderId) {
        UUID eventId = UUID.randomUUID();
        publish(Events.ORDER_CANCELLED, eventId, eventId.toString(), orderId, 2, Map.of(
                "id", orderId, "version", 2, "outcome", "CANCELLED", "ticket", Map.of("id", "ticket-1"),
                "quantity", 1));
        return eventId;
    }

    private void publish(EventType<?> type, UUID eventId, String msgId, String orderId, long version,
                         Map<String, ?> data) {
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type.subject());
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", orderId);
        envelope.put("aggregateVersion", version);
        envelope.put("data", data);
        var headers = new io.nats.client.impl.Headers()
                .add(Headers.MSG_ID, msgId)
                .add(Headers.EVENT_TYPE, type.subject())
                .add(Headers.SCHEMA_VERSION, Integer.toString(Events.SCHEMA_VERSION));
        try {
            ensureStream(type.stream());
            connection.jetStream().publish(NatsMessage.builder()
                    .subject(type.subject())
                    .headers(headers)
                    .data(JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8))
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish " + type, e);
        }
    }

    /** Creates the stream the way the services do, unless it exists (the service may not have started yet). */
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

    /** The {@code EXPIRATION.complete} envelopes published for the order so far. */
    List<JsonNode> expirationsOf(String orderId) {
        return expirations().stream()
                .filter(envelope -> orderId.equals(envelope.get("data").get("orderId").asString()))
                .toList();
    }

    private List<JsonNode> expirations() {
        List<JsonNode> envelopes = new ArrayList<>();
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            if (!jsm.getStreamNames().contains(Stream.EXPIRATION.name())) {
                return envelopes;
            }
            var state = jsm.getStreamInfo(Stream.EXPIRATION.name()).getStreamState();
            for (long seq = state.getFirstSequence(); state.getMsgCount() > 0 && seq <= state.getLastSequence();
                 seq++) {
                MessageInfo message = jsm.getMessage(Stream.EXPIRATION.name(), seq);
                if (message.getSubject().equals(Events.EXPIRATION_COMPLETE.subject())) {
                    envelopes.add(JSON.readTree(new String(message.getData(), StandardCharsets.UTF_8)));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return envelopes;
    }

    /** True when the durable consumer of the event type has acknowledged everything on its stream. */
    boolean drained(EventType<?> type) {
        try {
            ConsumerInfo info = connection.jetStreamManagement()
                    .getConsumerInfo(type.stream().name(), "expiration-" + type.token());
            return info.getNumPending() == 0 && info.getNumAckPending() == 0;
        } catch (JetStreamApiException e) {
            return false; // not created yet
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
