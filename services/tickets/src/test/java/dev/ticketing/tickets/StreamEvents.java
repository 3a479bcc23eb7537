package dev.ticketing.tickets;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** Reads what really arrived on a JetStream stream, polling with a deadline. */
public final class StreamEvents implements AutoCloseable {

    /** One stored message: its subject and parsed envelope. */
    public record Event(String subject, JsonNode envelope) {

        public JsonNode data() {
            return envelope.get("data");
        }
    }

    private final Connection connection;
    private final String stream;

    public StreamEvents(String natsUrl, String stream) {
        try {
            this.connection = Nats.connect(natsUrl);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot connect to " + natsUrl, e);
        }
        this.stream = stream;
    }

    /** Every message of the stream so far (empty while the stream does not exist). */
    public List<Event> all() {
        List<Event> events = new ArrayList<>();
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            var state = jsm.getStreamInfo(stream).getStreamState();
            for (long seq = state.getFirstSequence(); seq <= state.getLastSequence() && state.getMsgCount() > 0; seq++) {
                MessageInfo message = jsm.getMessage(stream, seq);
                events.add(new Event(message.getSubject(),
                        Http.JSON.readTree(new String(message.getData(), StandardCharsets.UTF_8))));
            }
        } catch (JetStreamApiException e) {
            return events; // no stream (yet)
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** Waits until events matching the filter are on the stream and returns them. */
    public List<Event> await(Predicate<Event> filter, int atLeast, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Event> matching = all().stream().filter(filter).toList();
            if (matching.size() >= atLeast || Instant.now().isAfter(deadline)) {
                return matching;
            }
            Poll.pause();
        }
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
