package dev.ticketing.platform.messaging;

import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One durable pull consumer feeding one {@link EventHandler}: a loop of pull requests on a virtual thread, and
 * at most {@code consumer-concurrency} messages handled at once on virtual threads.
 *
 * <p>Each pull is a fresh request, so the loop resumes by itself after the connection comes back; a failing
 * pull (broker down, consumer or stream lost with the broker's store) backs off and re-creates the consumer.
 * Redelivery is bounded by the platform ({@link InboundProcessor}), not the server, because nats-server 2.9
 * cannot tell a handler failure from a delay request: the server-side max deliver is unlimited.
 */
final class HandlerConsumer<T> {

    private static final Logger log = LoggerFactory.getLogger(HandlerConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String name;
    private final EventHandler<T> handler;
    private final Connection connection;
    private final JetStreamOptions jetStreamOptions;
    private final StreamSetup streams;
    private final InboundProcessor processor;
    private final MessagingProperties properties;
    private final Semaphore permits;
    private final ExecutorService workers;
    private volatile boolean running;
    private volatile Thread loop;
    private volatile ConsumerContext context;

    HandlerConsumer(String name, EventHandler<T> handler, Connection connection, JetStreamOptions jetStreamOptions,
                    StreamSetup streams, InboundProcessor processor, MessagingProperties properties) {
        this.name = name;
        this.handler = handler;
        this.connection = connection;
        this.jetStreamOptions = jetStreamOptions;
        this.streams = streams;
        this.processor = processor;
        this.properties = properties;
        this.permits = new Semaphore(properties.consumerConcurrency());
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory());
    }

    static String durableName(String application, EventHandler<?> handler) {
        return application + "-" + handler.eventType().token();
    }

    String name() {
        return name;
    }

    EventHandler<T> handler() {
        return handler;
    }

    /** Creates (or updates) the stream and the durable consumer; idempotent. */
    void setUp() throws Exception {
        streams.ensure(handler.eventType().stream());
        ConsumerConfiguration configuration = ConsumerConfiguration.builder()
                .durable(name)
                .filterSubject(handler.eventType().subject())
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(properties.ackWait())
                .maxDeliver(-1)
                .build();
        context = connection.getStreamContext(handler.eventType().stream().name(), jetStreamOptions)
                .createOrUpdateConsumer(configuration);
    }

    void start() {
        running = true;
        loop = Thread.ofVirtual().name(name + "-pull").start(this::pullLoop);
    }

    /** Stops pulling, then waits for the messages being handled (their commits and acks). */
    void stop(Duration grace) {
        running = false;
        Thread current = loop;
        if (current != null) {
            current.interrupt();
            join(current, grace);
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Consumer {} stopped with handlers still running", name);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pullLoop() {
        int failures = 0;
        while (running) {
            try {
                if (context == null) {
                    setUp();
                }
                pullOnce();
                if (failures > 0) {
                    log.info("Consumer {} is pulling again", name);
                }
                failures = 0;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures++;
                if (failures == 1 || failures % 20 == 0) {
                    log.warn("Consumer {} cannot pull ({} failures): {}", name, failures, e.toString());
                }
                context = null; // set it up again: the broker may have lost the consumer or the stream
                if (!sleep(backoff(failures))) {
                    return;
                }
            }
        }
    }

    private void pullOnce() throws Exception {
        FetchConsumeOptions options = FetchConsumeOptions.builder()
                .maxMessages(properties.consumerConcurrency())
                .expiresIn(properties.fetchExpiry().toMillis())
                .build();
        try (FetchConsumer fetch = context.fetch(options)) {
            Message message;
            while ((message = fetch.nextMessage()) != null) {
                permits.acquire();
                Message delivered = message;
                try {
                    workers.execute(() -> handle(delivered));
                } catch (RuntimeException e) { // rejected while stopping: it will be redelivered
                    permits.release();
                    throw e;
                }
            }
        }
    }

    private void handle(Message message) {
        try {
            processor.process(name, handler, message);
        } catch (RuntimeException e) {
            // e.g. the database is down while parking: no ack, so JetStream redelivers after ack-wait
            log.error("Consumer {} could not process a message of {}", name, message.getSubject(), e);
        } finally {
            permits.release();
        }
    }

    private static Duration backoff(int failures) {
        return Duration.ofMillis(Math.min(100L << Math.min(failures, 6), MAX_BACKOFF.toMillis()));
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
