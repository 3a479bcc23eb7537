package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.EventType;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes, reader side (docs/decisions/0006): before a decision that depends on replicated state, wait
 * (bounded) until this service has handled every event of the given types that is in the stream now. Writers
 * answer only once their events are published, so a client's earlier write elsewhere is among them.
 *
 * <p>Per type: the target is the stream sequence of the last message on the subject; the wait ends when the
 * durable consumer's ack floor reaches it (a message is acknowledged after its handler's transaction commits).
 * When caught up this costs two small JetStream API requests per type. A message the handler put off with
 * {@link RetryLater} holds the ack floor back, and a broker that is away makes every request fail: hence the
 * bound, after which the caller proceeds with what it has (as it would have without this).
 *
 * <p>Call it before the transaction of the decision, never inside it: it must not hold locks or a connection
 * while waiting.
 */
public final class EventCatchUp {

    private static final Logger log = LoggerFactory.getLogger(EventCatchUp.class);
    private static final Duration POLL = Duration.ofMillis(2);
    private static final int NO_MESSAGE_FOUND = 10037;

    private final EventConsumers consumers;
    private final Connection connection;
    private final JetStreamOptions options;
    private final Duration defaultTimeout;

    EventCatchUp(EventConsumers consumers, Connection connection, Duration defaultTimeout) {
        this.consumers = consumers;
        this.connection = connection;
        // no API request may outlast the wait it serves
        this.options = JetStreamOptions.builder().requestTimeout(positiveOr(defaultTimeout, POLL)).build();
        this.defaultTimeout = defaultTimeout;
    }

    /** {@link #await(Duration, EventType[])} with {@code ticketing.messaging.catch-up-timeout}. */
    public boolean await(EventType<?>... types) {
        return await(defaultTimeout, types);
    }

    /**
     * Waits until this service has handled the events of these types that are in the stream now, or {@code max}
     * has passed.
     *
     * @return whether it caught up (false: timed out, or the broker could not be asked; the caller goes on)
     * @throws IllegalArgumentException when this service does not consume one of the types (a bug)
     */
    public boolean await(Duration max, EventType<?>... types) {
        List<HandlerConsumer<?>> targets = consumersOf(types);
        if (!max.isPositive() || targets.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            log.debug("NATS is not connected: not catching up on {}", List.of(types));
            return false;
        }
        try {
            JetStreamManagement jsm = connection.jetStreamManagement(options);
            for (HandlerConsumer<?> consumer : targets) {
                if (!catchUp(jsm, consumer, deadline)) {
                    log.debug("Consumer {} did not catch up within {}: going on", consumer.name(), max);
                    return false;
                }
            }
            return true;
        } catch (IOException | JetStreamApiException e) {
            log.debug("Could not catch up on {}: {}", List.of(types), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<HandlerConsumer<?>> consumersOf(EventType<?>[] types) {
        var result = new ArrayList<HandlerConsumer<?>>(types.length);
        for (EventType<?> type : types) {
            result.add(consumers.byType(type).orElseThrow(() -> new IllegalArgumentException(
                    "This service has no EventHandler of " + type + ": nothing to catch up on")));
        }
        return result;
    }

    private static boolean catchUp(JetStreamManagement jsm, HandlerConsumer<?> consumer, long deadline)
            throws IOException, JetStreamApiException, InterruptedException {
        String stream = consumer.handler().eventType().stream().name();
        long target = lastSequence(jsm, stream, consumer.handler().eventType().subject());
        while (target > 0) {
            ConsumerInfo info = jsm.getConsumerInfo(stream, consumer.name());
            if (info.getAckFloor().getStreamSequence() >= target) {
                return true;
            }
            if (System.nanoTime() + POLL.toNanos() > deadline) {
                return false;
            }
            Thread.sleep(POLL);
        }
        return true;
    }

    /** The stream sequence of the last message on the subject, 0 when there is none. */
    private static long lastSequence(JetStreamManagement jsm, String stream, String subject)
            throws IOException, JetStreamApiException {
        try {
            return jsm.getLastMessage(stream, subject).getSeq();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return 0;
            }
            throw e;
        }
    }

    private static Duration positiveOr(Duration duration, Duration fallback) {
        return duration.isPositive() ? duration : fallback;
    }
}
