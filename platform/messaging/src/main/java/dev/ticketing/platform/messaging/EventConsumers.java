package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Stream;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * All consumers of the service. At start-up: create the streams (those consumed and those configured in
 * {@code ticketing.messaging.streams}) and the durable consumers, delete the retired ones (those of event types the
 * service no longer handles), then start pulling. Stopped before the relay
 * and long before the DataSource closes, waiting for the messages in hand.
 */
final class EventConsumers implements SmartLifecycle {

    static final int PHASE = OutboxRelay.PHASE + 4096;
    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);
    /** How long a start waits for JetStream to answer its set-up before it fails (and is restarted). */
    static final Duration SETUP_PATIENCE = Duration.ofSeconds(60);

    private static final Backoff SETUP_BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2));
    /** JetStream's "JetStream system temporarily unavailable". */
    private static final int JETSTREAM_NOT_AVAILABLE = 10008;

    private final Map<String, HandlerConsumer<?>> byName;
    private final StreamSetup streams;
    private final Set<Stream> extraStreams;
    private final RetiredConsumers retired;
    private final Duration stopGrace;
    private volatile boolean running;

    /** @param retired deletes the durable consumers of the event types the service no longer handles */
    EventConsumers(
            List<HandlerConsumer<?>> consumers,
            StreamSetup streams,
            RetiredConsumers retired,
            MessagingProperties properties) {
        this.byName = new LinkedHashMap<>();
        for (HandlerConsumer<?> consumer : consumers) {
            HandlerConsumer<?> previous = byName.put(consumer.name(), consumer);
            if (previous != null) {
                throw new IllegalStateException(
                        "Two EventHandler beans consume " + consumer.handler().eventType()
                                + " (" + previous.handler().getClass().getName() + ", "
                                + consumer.handler().getClass().getName() + "): one durable consumer per event type");
            }
        }
        this.streams = streams;
        this.extraStreams = properties.streams();
        retired.checkNoneOf(byName.keySet());
        this.retired = retired;
        this.stopGrace = properties.ackWait();
    }

    Optional<HandlerConsumer<?>> byName(String consumer) {
        return Optional.ofNullable(byName.get(consumer));
    }

    /** The consumer of an event type, if this service handles it. */
    Optional<HandlerConsumer<?>> byType(EventType<?> type) {
        return byName.values().stream()
                .filter(consumer -> consumer.handler().eventType().equals(type))
                .findFirst();
    }

    @Override
    public void start() {
        setUpPatiently();
        byName.values().forEach(HandlerConsumer::start);
        running = true;
        if (!byName.isEmpty()) {
            log.info("Consuming with {}", byName.keySet());
        }
    }

    /**
     * Creates the streams and durable consumers. A JetStream cluster whose nodes start beside the services answers
     * nothing (or "temporarily unavailable") until it has elected its leaders: that is waited out, for a while,
     * instead of failing the start and paying a whole JVM start again.
     */
    private void setUpPatiently() {
        long deadline = System.nanoTime() + SETUP_PATIENCE.toNanos();
        for (int failures = 1; ; failures++) {
            try {
                setUp();
                return;
            } catch (Exception e) {
                if (!notReadyYet(e) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not set up the JetStream streams and consumers", e);
                }
                Duration pause = SETUP_BACKOFF.after(failures);
                log.info("JetStream is not ready yet ({}); setting up again in {} ms", e.toString(), pause.toMillis());
                sleep(pause);
            }
        }
    }

    private void setUp() throws Exception {
        for (Stream stream : extraStreams) {
            streams.ensure(stream);
        }
        for (HandlerConsumer<?> consumer : byName.values()) {
            consumer.setUp();
        }
        retired.delete();
    }

    /**
     * Deletes the retired consumers again. During a rolling upgrade an instance of the version before still handles
     * a retired type; when its consumer is deleted under it, it creates it again and goes on pulling, and once that
     * instance is gone nobody would. So housekeeping repeats the deletion; it costs one request per retired type.
     */
    void deleteRetired() throws IOException, JetStreamApiException {
        retired.delete();
    }

    /** No answer in time, or JetStream's own "temporarily unavailable": a cluster still electing its leaders. */
    static boolean notReadyYet(Exception e) {
        return e instanceof java.io.IOException
                || (e instanceof io.nats.client.JetStreamApiException api
                        && api.getApiErrorCode() == JETSTREAM_NOT_AVAILABLE);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for JetStream", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        byName.values().parallelStream().forEach(consumer -> consumer.stop(stopGrace));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
