package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.EventType;
import io.nats.client.Connection;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One durable pull consumer feeding one {@link EventHandler}: a loop of pull requests on a platform thread of its
 * own, which hands the messages that have arrived together (at most {@code consumer-batch-size}) to the processor
 * as one batch, one transaction ({@link InboundProcessor#processAll}), and then goes on pulling. A quiet consumer
 * handles each message as it comes; a busy one amortises its commits over the messages that queued meanwhile.
 *
 * <p>A platform thread, not a virtual one (docs/decisions/0078): the loop spends its life blocked, on the client's
 * queue of arrived messages and on the database's socket for each statement, and a blocked platform thread is woken
 * by the kernel directly, where a virtual thread is woken through the JDK's poller and then needs a carrier thread
 * woken for it. A service has a handful of consumers, so a thread each costs little.
 *
 * <p>Each pull is a fresh request, so the loop resumes by itself after the connection comes back; a failing
 * pull (broker down, consumer or stream lost with the broker's store) backs off and re-creates the consumer.
 *
 * <p>The pulls share one long-lived subscription rather than using jnats' {@code FetchConsumer}: that one
 * unsubscribes at its own deadline, which is counted from the client side and so ends a little before the
 * server's pull request does (more so on a loaded machine). A message the server hands over in that gap (typically
 * a {@link RetryLater} redelivery whose delay ends as a pull expires) was dropped by the client yet counted as
 * delivered by the server, so it came back only after the ack wait. With the subscription kept, such a message
 * just waits in it for the next round.
 * Redelivery is bounded by the platform ({@link InboundProcessor}), not the server, because nats-server 2.9
 * cannot tell a handler failure from a delay request: the server-side max deliver is unlimited.
 */
final class HandlerConsumer<T> {

    private static final Logger log = LoggerFactory.getLogger(HandlerConsumer.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    /** How long to wait for more messages of a batch: they are already in the client's buffer, or not. */
    private static final Duration ALREADY_ARRIVED = Duration.ofMillis(1);

    private final String name;
    private final EventHandler<T> handler;
    private final Connection connection;
    private final JetStreamOptions jetStreamOptions;
    private final StreamSetup streams;
    private final InboundProcessor processor;
    private final MessagingProperties properties;
    private volatile boolean running;
    private volatile Thread loop;
    private volatile JetStreamSubscription subscription;

    HandlerConsumer(
            String name,
            EventHandler<T> handler,
            Connection connection,
            JetStreamOptions jetStreamOptions,
            StreamSetup streams,
            InboundProcessor processor,
            MessagingProperties properties) {
        this.name = name;
        this.handler = handler;
        this.connection = connection;
        this.jetStreamOptions = jetStreamOptions;
        this.streams = streams;
        this.processor = processor;
        this.properties = properties;
    }

    static String durableName(String application, EventHandler<?> handler) {
        return durableName(application, handler.eventType());
    }

    static String durableName(String application, EventType<?> type) {
        return application + "-" + type.token();
    }

    String name() {
        return name;
    }

    EventHandler<T> handler() {
        return handler;
    }

    /** Creates (or updates) the stream and the durable consumer, and subscribes to it; idempotent. */
    void setUp() throws Exception {
        streams.ensure(handler.eventType().stream());
        ConsumerConfiguration configuration = ConsumerConfiguration.builder()
                .durable(name)
                .filterSubjects(handler.eventType().filterSubjects())
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(properties.ackWait())
                .maxDeliver(-1)
                .build();
        String stream = handler.eventType().stream().name();
        connection.getStreamContext(stream, jetStreamOptions).createOrUpdateConsumer(configuration);
        unsubscribe();
        subscription =
                connection.jetStream(jetStreamOptions).subscribe(null, PullSubscribeOptions.fastBind(stream, name));
    }

    /** Drops the subscription; what it still holds unread is redelivered after the ack wait. */
    private void unsubscribe() {
        JetStreamSubscription current = subscription;
        subscription = null;
        if (current != null && current.isActive()) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) { // e.g. the connection is closed: the subscription is gone anyway
                log.debug("Consumer {} could not unsubscribe: {}", name, e.toString());
            }
        }
    }

    void start() {
        running = true;
        loop = Thread.ofPlatform().name(name + "-pull").daemon().start(this::pullLoop);
    }

    /** Stops pulling, then waits for the batch being handled (its commit and acks). */
    void stop(Duration grace) {
        running = false;
        Thread current = loop;
        if (current != null) {
            current.interrupt();
            join(current, grace);
            if (current.isAlive()) {
                log.warn("Consumer {} stopped with a batch still being handled", name);
            }
        }
        unsubscribe();
    }

    private void pullLoop() {
        int failures = 0;
        while (running) {
            try {
                if (subscription == null) {
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
                unsubscribe(); // set it up again: the broker may have lost the consumer or the stream
                if (!sleep(BACKOFF.after(failures))) {
                    return;
                }
            }
        }
    }

    /**
     * One pull request, read until it is filled or has expired; what has arrived together is handled as one
     * batch, in stream order. What arrives after the request expired (the server's clock of the request runs a
     * little later) stays in the subscription and is taken by the next round.
     */
    private void pullOnce() throws Exception {
        JetStreamSubscription current = subscription;
        int size = properties.consumerBatchSize();
        current.pullExpiresIn(size, properties.fetchExpiry());
        long deadline = System.nanoTime() + properties.fetchExpiry().toNanos();
        int taken = 0;
        while (taken < size) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis < 1) { // and never nextMessage(0), which waits forever
                return;
            }
            Message first = current.nextMessage(Duration.ofMillis(leftMillis));
            if (first == null) {
                return;
            }
            var batch = new ArrayList<Message>();
            batch.add(first);
            while (taken + batch.size() < size) {
                Message next = current.nextMessage(ALREADY_ARRIVED);
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
            taken += batch.size();
            handle(batch);
        }
    }

    private void handle(List<Message> batch) {
        try {
            processor.processAll(name, handler, batch);
        } catch (RuntimeException e) {
            // e.g. the database is down while parking: no ack, so JetStream redelivers after ack-wait
            log.error("Consumer {} could not process {} messages of {}", name, batch.size(), handler.eventType(), e);
        }
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
