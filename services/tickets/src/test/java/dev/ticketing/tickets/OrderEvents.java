package dev.ticketing.tickets;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.Stream;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.NatsMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Stands in for the orders service: publishes ORDER.* envelopes into the ORDERS stream the way its outbox relay
 * does ({@code Nats-Msg-Id} = event id, {@code event-type}, optional {@code fault-injection}).
 */
public final class OrderEvents implements AutoCloseable {

    private final Connection connection;
    private long orderVersion;

    public OrderEvents(String natsUrl) {
        try {
            connection = Nats.connect(natsUrl);
            ensureStream();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot connect to " + natsUrl, e);
        }
    }

    /** An order of a test: its id, listing and quantity. */
    public record Order(UUID id, String ticketId, int quantity, String buyerId) {

        public static Order of(String ticketId, int quantity, String buyerId) {
            return new Order(UUID.randomUUID(), ticketId, quantity, buyerId);
        }
    }

    public Envelope<Events.OrderCreated> created(Order order, String faultInjection) {
        return publish(Events.ORDER_CREATED, order.id(), new Events.OrderCreated(order.id().toString(), 0,
                order.buyerId(), "created", Instant.now().plusSeconds(900), order.quantity(), new BigDecimal("20.00"),
                new Events.OrderTicket(order.ticketId(), new BigDecimal("20.00"), "seller")), faultInjection);
    }

    public Envelope<Events.OrderPaid> paid(Order order, String faultInjection) {
        return publish(Events.ORDER_PAID, order.id(),
                new Events.OrderPaid(order.id().toString(), 1, UUID.randomUUID().toString()), faultInjection);
    }

    public Envelope<Events.OrderCancelled> cancelled(Order order, String outcome) {
        return publish(Events.ORDER_CANCELLED, order.id(), new Events.OrderCancelled(order.id().toString(), 2,
                outcome, new Events.TicketRef(order.ticketId()), order.quantity()), null);
    }

    public <T> Envelope<T> publish(EventType<T> type, UUID orderId, T data, String faultInjection) {
        var envelope = new Envelope<>(UUID.randomUUID(), type.subject(), Instant.now(), orderId.toString(),
                ++orderVersion, data);
        redeliver(envelope, faultInjection);
        return envelope;
    }

    /**
     * Publishes the same envelope (same event id) again as a new stream message, as a redelivery or a relay that
     * republished after a lost PubAck past the duplicate window would: the consumer sees the event twice.
     */
    public void redeliver(Envelope<?> envelope, String faultInjection) {
        var headers = new io.nats.client.impl.Headers();
        headers.put(Headers.MSG_ID, UUID.randomUUID().toString()); // a fresh one, so JetStream stores it again
        headers.put(Headers.EVENT_TYPE, envelope.type());
        headers.put(Headers.SCHEMA_VERSION, Integer.toString(Events.SCHEMA_VERSION));
        if (faultInjection != null) {
            headers.put(Headers.FAULT_INJECTION, faultInjection);
        }
        try {
            connection.jetStream().publish(NatsMessage.builder()
                    .subject(envelope.type())
                    .headers(headers)
                    .data(Http.JSON.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8))
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish " + envelope.type(), e);
        }
    }

    private void ensureStream() throws Exception {
        JetStreamManagement jsm = connection.jetStreamManagement();
        try {
            jsm.getStreamInfo(Stream.ORDERS.name());
        } catch (JetStreamApiException missing) {
            try {
                jsm.addStream(StreamConfiguration.builder().name(Stream.ORDERS.name())
                        .subjects(Stream.ORDERS.subjects()).storageType(StorageType.File)
                        .duplicateWindow(Duration.ofMinutes(2)).build());
            } catch (JetStreamApiException createdMeanwhile) {
                // the service created it at start-up: fine
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
