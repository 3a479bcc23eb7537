package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Stream;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or updates the JetStream streams of docs/asyncapi.yaml. Idempotent, and safe when several instances of
 * several services do it at the same moment.
 */
final class StreamSetup {

    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(StreamSetup.class);
    static final int STREAM_NOT_FOUND = 10059;
    private static final int STREAM_NAME_IN_USE = 10058;

    private final Connection connection;
    private final JetStreamOptions options;
    private final int replicas;
    private final Set<Stream> ensured = ConcurrentHashMap.newKeySet();

    StreamSetup(Connection connection, JetStreamOptions options, int replicas) {
        this.connection = connection;
        this.options = options;
        this.replicas = replicas;
    }

    /** Ensures the stream exists with our configuration, unless this object already did so. */
    void ensureOnce(Stream stream) throws IOException, JetStreamApiException {
        if (!ensured.contains(stream)) {
            ensure(stream);
        }
    }

    /** Forget what was ensured, e.g. after a publish failure that may mean the broker lost its store. */
    void forget() {
        ensured.clear();
    }

    void ensure(Stream stream) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement(options);
        StreamConfiguration wanted = configuration(stream, replicas);
        StreamInfo existing = find(jsm, stream.name());
        if (existing == null) {
            try {
                jsm.addStream(wanted);
                log.info("Created JetStream stream {} ({})", stream.name(), stream.subjects());
                ensured.add(stream);
                return;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                    throw e;
                }
                // another instance created it between our lookup and our add: fall through and compare
                existing = find(jsm, stream.name());
            }
        }
        if (existing != null && differs(existing.getConfiguration(), wanted)) {
            jsm.updateStream(StreamConfiguration.builder(existing.getConfiguration())
                    .subjects(wanted.getSubjects())
                    .duplicateWindow(DUPLICATE_WINDOW)
                    .allowDirect(wanted.getAllowDirect())
                    .build());
            log.info("Updated JetStream stream {}", stream.name());
        }
        ensured.add(stream);
    }

    /**
     * With one replica, direct gets: the read-your-writes lookup of an aggregate's last event
     * ({@link EventCatchUp}) is then answered by the stream itself, as the message with its headers, instead of
     * through the JetStream API's request queue as JSON with the message in base64 (jnats chooses the direct form
     * when the stream allows it). With more replicas every replica answers direct gets, and a follower may not
     * have stored the latest message yet, which a read-your-writes lookup must see: those stay on the API.
     */
    static StreamConfiguration configuration(Stream stream, int replicas) {
        return StreamConfiguration.builder()
                .name(stream.name())
                .subjects(stream.subjects())
                .storageType(StorageType.File)
                .duplicateWindow(DUPLICATE_WINDOW)
                .replicas(replicas)
                .allowDirect(replicas == 1)
                .build();
    }

    private static boolean differs(StreamConfiguration actual, StreamConfiguration wanted) {
        return !List.copyOf(actual.getSubjects()).equals(List.copyOf(wanted.getSubjects()))
                || actual.getDuplicateWindow().compareTo(DUPLICATE_WINDOW) < 0
                || actual.getAllowDirect() != wanted.getAllowDirect();
    }

    private static StreamInfo find(JetStreamManagement jsm, String name) throws IOException, JetStreamApiException {
        try {
            return jsm.getStreamInfo(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
