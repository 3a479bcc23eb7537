package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the durable consumers of event types this service handled once and no longer does, named in
 * {@code ticketing.messaging.retired-consumers} (decision 77). Nobody pulls from such a consumer: its count of
 * pending messages would grow for ever, and whatever waits for every consumer to drain (the bench, an operator's
 * dashboard) would wait for it. The list is explicit rather than "every type without a handler" so that two
 * applications of one name with different handlers (the platform's tests) never delete each other's consumers.
 */
final class RetiredConsumers {

    private static final Logger log = LoggerFactory.getLogger(RetiredConsumers.class);
    private static final int CONSUMER_NOT_FOUND = 10014;

    private final Connection connection;
    private final JetStreamOptions options;
    private final String application;
    private final List<EventType<?>> types;

    /** @param types event names ({@code ORDER.paid}); each must be an event type of the contract */
    RetiredConsumers(Connection connection, JetStreamOptions options, String application, Collection<String> types) {
        this.connection = connection;
        this.options = options;
        this.application = application;
        this.types = types.stream().<EventType<?>>map(Events::forSubject).toList();
    }

    /** Refuses a list that names an event type the service still handles: it would delete a live consumer. */
    void checkNoneOf(Set<String> handled) {
        for (EventType<?> type : types) {
            if (handled.contains(HandlerConsumer.durableName(application, type))) {
                throw new IllegalStateException(
                        "ticketing.messaging.retired-consumers names " + type + ", which this service still handles");
            }
        }
    }

    /** Deletes those that exist; nothing happens for those already gone. */
    void delete() throws IOException, JetStreamApiException {
        if (types.isEmpty()) {
            return;
        }
        JetStreamManagement jsm = connection.jetStreamManagement(options);
        for (EventType<?> type : types) {
            delete(jsm, type.stream().name(), HandlerConsumer.durableName(application, type));
        }
    }

    private static void delete(JetStreamManagement jsm, String stream, String name)
            throws IOException, JetStreamApiException {
        try {
            jsm.deleteConsumer(stream, name);
            log.info(
                    "Deleted durable consumer {} of stream {}: this service no longer handles its events",
                    name,
                    stream);
        } catch (JetStreamApiException e) {
            // already deleted (by an earlier start or another instance), or its stream never existed
            if (e.getApiErrorCode() != CONSUMER_NOT_FOUND && e.getApiErrorCode() != StreamSetup.STREAM_NOT_FOUND) {
                throw e;
            }
        }
    }
}
