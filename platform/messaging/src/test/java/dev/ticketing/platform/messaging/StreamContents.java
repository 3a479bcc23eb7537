package dev.ticketing.platform.messaging;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads every message a stream holds, straight from the stream (no consumer involved). */
final class StreamContents {

    record StoredMessage(String subject, Map<String, String> headers, String payload) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private StreamContents() {
    }

    static List<StoredMessage> read(Connection connection, String stream) {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            StreamInfo info = jsm.getStreamInfo(stream);
            var result = new ArrayList<StoredMessage>();
            long first = info.getStreamState().getFirstSequence();
            long last = info.getStreamState().getLastSequence();
            for (long seq = first; seq <= last && last > 0; seq++) {
                MessageInfo message = jsm.getMessage(stream, seq);
                var headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
                if (message.getHeaders() != null) {
                    message.getHeaders().keySet().forEach(k -> headers.put(k, message.getHeaders().getFirst(k)));
                }
                result.add(new StoredMessage(message.getSubject(), headers,
                        new String(message.getData(), StandardCharsets.UTF_8)));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
