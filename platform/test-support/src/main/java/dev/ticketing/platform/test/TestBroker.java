package dev.ticketing.platform.test;

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
import io.nats.client.api.StreamState;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The test's side of JetStream: publishes envelopes the way a service's outbox relay does, reads back every
 * message a stream holds (straight from the stream, no consumer involved) and tells when a service's durable
 * consumer has nothing left in hand. Service tests wrap it with the events of their own domain.
 */
public final class TestBroker implements AutoCloseable {

    /** JetStream's error code for a sequence that holds no message (deleted, or purged). */
    private static final int NO_MESSAGE_FOUND = 10037;

    /** A message a stream holds: subject, headers (case-insensitive names) and payload. */
    public record StoredMessage(String subject, Map<String, String> headers, String payload) {

        public String header(String name) {
            return headers.get(name);
        }

        /** The payload parsed as the event envelope. */
        public JsonNode envelope() {
            return Http.JSON.readTree(payload);
        }

        /** The envelope's {@code data}. */
        public JsonNode data() {
            return envelope().get("data");
        }
    }

    private final Connection connection;

    public TestBroker(String natsUrl) {
        try {
            connection = Nats.connect(natsUrl);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot connect to " + natsUrl, e);
        }
    }

    /**
     * The JSON of an envelope as the outbox relay writes it ({@code eventId, type, occurredAt = now, aggregateId,
     * aggregateVersion, data}), with {@code data} serialized as given (a record, or a map for shapes a record
     * of the contract cannot express).
     */
    public static String envelope(EventType<?> type, UUID eventId, String aggregateId, long version, Object data) {
        var envelope = new LinkedHashMap<String, Object>();
        envelope.put("eventId", eventId.toString());
        envelope.put("type", type.name());
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("aggregateId", aggregateId);
        envelope.put("aggregateVersion", version);
        envelope.put("data", data);
        return Http.JSON.writeValueAsString(envelope);
    }

    /** Publishes the payload under the type's subject with the relay's headers; creates the stream if needed. */
    public void publish(EventType<?> type, String msgId, String payload) {
        publish(type, msgId, payload, Map.of());
    }

    /**
     * As {@link #publish(EventType, String, String)}, with extra headers (e.g. {@code fault-injection}). A new
     * {@code msgId} for an envelope already published makes JetStream store it again: a redelivery.
     */
    public void publish(EventType<?> type, String msgId, String payload, Map<String, String> extraHeaders) {
        var headers = new io.nats.client.impl.Headers()
                .add(Headers.MSG_ID, msgId)
                .add(Headers.EVENT_TYPE, type.name())
                .add(Headers.SCHEMA_VERSION, Integer.toString(Events.SCHEMA_VERSION));
        extraHeaders.forEach(headers::add);
        try {
            ensureStream(type.stream());
            connection
                    .jetStream()
                    .publish(NatsMessage.builder()
                            .subject(subjectOf(type, payload))
                            .headers(headers)
                            .data(payload.getBytes(StandardCharsets.UTF_8))
                            .build());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish " + type, e);
        }
    }

    /**
     * The subject the relay would publish the payload on: the type's name and the key taken from its data. A
     * payload whose data does not fit the type (a test of malformed events) goes out under the bare name, as
     * events did before subjects had keys; consumers take both.
     */
    static <T> String subjectOf(EventType<T> type, String payload) {
        try {
            T data = Http.JSON.treeToValue(Http.JSON.readTree(payload).get("data"), type.dataType());
            return type.subject(data);
        } catch (RuntimeException e) {
            return type.name();
        }
    }

    /** Creates the stream the way the services do, unless it exists (the service may not have started yet). */
    public void ensureStream(Stream stream) {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            if (jsm.getStreamNames().contains(stream.name())) {
                return;
            }
            try {
                jsm.addStream(StreamConfiguration.builder()
                        .name(stream.name())
                        .subjects(stream.subjects())
                        .storageType(StorageType.File)
                        .duplicateWindow(Duration.ofMinutes(2))
                        .build());
            } catch (JetStreamApiException e) {
                if (!jsm.getStreamNames().contains(stream.name())) {
                    throw e; // not a race with the service creating it
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create stream " + stream.name(), e);
        }
    }

    /** Every message the stream holds, oldest first; empty while the stream does not exist. */
    public List<StoredMessage> messages(Stream stream) {
        return messages(connection, stream.name());
    }

    /** As {@link #messages(Stream)}, by the stream's name. */
    public List<StoredMessage> messages(String stream) {
        return messages(connection, stream);
    }

    /** As {@link #messages(String)}, over a connection the test already has. */
    public static List<StoredMessage> messages(Connection connection, String stream) {
        List<StoredMessage> messages = new ArrayList<>();
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            if (!jsm.getStreamNames().contains(stream)) {
                return messages;
            }
            StreamState state = jsm.getStreamInfo(stream).getStreamState();
            for (long seq = state.getFirstSequence();
                    state.getMsgCount() > 0 && seq <= state.getLastSequence();
                    seq++) {
                MessageInfo message;
                try {
                    message = jsm.getMessage(stream, seq);
                } catch (JetStreamApiException e) {
                    if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                        continue; // a gap: that message was deleted
                    }
                    throw e;
                }
                var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
                if (message.getHeaders() != null) {
                    message.getHeaders()
                            .keySet()
                            .forEach(k -> headers.put(k, message.getHeaders().getFirst(k)));
                }
                messages.add(new StoredMessage(
                        message.getSubject(), headers, new String(message.getData(), StandardCharsets.UTF_8)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read stream " + stream, e);
        }
        return messages;
    }

    /**
     * Waits until at least {@code atLeast} messages of the stream match the filter, and returns the matching ones
     * (fewer when the deadline passed first, for the test to assert on).
     */
    public List<StoredMessage> await(Stream stream, Predicate<StoredMessage> filter, int atLeast, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<StoredMessage> matching =
                    messages(stream).stream().filter(filter).toList();
            if (matching.size() >= atLeast || Instant.now().isAfter(deadline)) {
                return matching;
            }
            Poll.pause();
        }
    }

    /** True when the durable consumer has acknowledged everything on its stream (false while it does not exist). */
    public boolean drained(Stream stream, String durable) {
        try {
            ConsumerInfo info = connection.jetStreamManagement().getConsumerInfo(stream.name(), durable);
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
