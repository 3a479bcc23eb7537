package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.Headers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to delivered messages: read them, handle each once through the inbox, then acknowledge them,
 * redeliver them later, or park them as dead letters.
 *
 * <p>Messages that arrive together are handled in one transaction and acknowledged after its
 * commit: one commit (one WAL flush) for the batch instead of one per message, which is what a busy consumer
 * spends its database time on. If any of them fails, the batch is rolled back and each message is handled again
 * on its own, so one failing message changes nothing for the others. A batch is handled in stream order, or in the
 * order of its messages' {@link EventHandler#lockKey lock keys} when the handler names them, so that the batches of
 * two consumers do not deadlock each other.
 */
final class InboundProcessor {

    static final String DEAD_LETTERS_METRIC = "ticketing.messaging.dead_letters";
    static final String REDELIVERIES_METRIC = "ticketing.messaging.redeliveries";
    static final String PENDING_METRIC = "ticketing.messaging.consumer.pending";
    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final DeadLetters deadLetters;
    private final EnvelopeCodec codec;
    private final MessagingProperties properties;
    private final MeterRegistry meters;
    private final AppliedEvents applied;
    private final MessageTracing tracing;
    /** Per durable: messages still pending in the stream as of the last delivery (free: it rides on the message). */
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();

    private final Map<String, Counter> redeliveries = new ConcurrentHashMap<>();

    InboundProcessor(
            Inbox inbox,
            TransactionTemplate transactions,
            DeadLetters deadLetters,
            EnvelopeCodec codec,
            MessagingProperties properties,
            MeterRegistry meters,
            AppliedEvents applied,
            MessageTracing tracing) {
        this.applied = applied;
        this.tracing = tracing;
        this.inbox = inbox;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.properties = properties;
        this.meters = meters;
    }

    /** A message that was read, with its envelope. */
    private record Received<T>(Message message, InboundEvent<T> event, String payload) {}

    /** Handles the messages together in one transaction (see the class comment), in the order of their lock keys. */
    <T> void processAll(String consumer, EventHandler<T> handler, List<Message> messages) {
        var readable = new ArrayList<Received<T>>(messages.size());
        for (Message message : messages) {
            read(consumer, handler, message).ifPresent(readable::add);
        }
        if (readable.size() > 1) {
            // asked once per message: a handler may have to look its key up
            var keys = new IdentityHashMap<Received<T>, String>(readable.size());
            readable.forEach(received -> keys.put(received, lockKey(consumer, handler, received)));
            readable.sort(Comparator.comparing(keys::get)); // stable
        }
        handleTogether(consumer, handler, readable);
    }

    /**
     * The message's lock key; "" when the handler cannot tell (no key, or its lookup failed): the order is an
     * optimisation, and the handling itself says what is wrong with the message.
     */
    private static <T> String lockKey(String consumer, EventHandler<T> handler, Received<T> received) {
        try {
            String key = handler.lockKey(received.event());
            return key == null ? "" : key;
        } catch (RuntimeException e) {
            log.debug(
                    "{}: no lock key for event {} ({})",
                    consumer,
                    received.event().envelope().eventId(),
                    e.toString());
            return "";
        }
    }

    /**
     * One transaction for the batch, whose inbox rows are inserted together first (or, for first deliveries, with
     * its commit). When a handler fails, the batch is rolled back: the failure is that message's alone (its handler
     * is not called again for this delivery), the messages before it are handled again, and so are those after it.
     */
    private <T> void handleTogether(String consumer, EventHandler<T> handler, List<Received<T>> batch) {
        if (batch.size() <= 1) {
            batch.forEach(received -> handleAlone(consumer, handler, received));
            return;
        }
        int[] failing = {-1};
        try {
            transactions.executeWithoutResult(status -> {
                List<InboundEvent<T>> events =
                        batch.stream().map(Received::event).toList();
                // first deliveries: rows with the commit, which fails on a duplicate (then one by one, below)
                Inbox.Recorded recorded = events.stream().allMatch(InboundProcessor::firstDelivery)
                        ? inbox.recordAtCommit(consumer, events)
                        : inbox.recordAll(consumer, events);
                for (int i = 0; i < batch.size(); i++) {
                    failing[0] = i;
                    Received<T> received = batch.get(i);
                    try (var handling = handling(consumer, received)) {
                        try {
                            if (recorded.first(received.event())) {
                                handler.handle(received.event());
                            }
                        } catch (RuntimeException | Error e) {
                            handling.failed(e);
                            throw e;
                        }
                    }
                }
                failing[0] = -1; // from here on a failure is the commit's, not a handler's
            });
        } catch (RuntimeException | Error e) {
            int failed = failing[0];
            if (failed < 0 || e instanceof ConcurrencyFailureException) {
                // a conflict with another transaction (e.g. a deadlock) is the batch's, not a message's: alone, the
                // messages hold fewer locks at once; so is a commit that found one of them in the inbox already
                log.debug(
                        "{}: a batch of {} was rolled back ({}); handling its messages one by one",
                        consumer,
                        batch.size(),
                        e.toString());
                batch.forEach(received -> handleAlone(consumer, handler, received));
                return;
            }
            handleTogether(consumer, handler, batch.subList(0, failed));
            try (var ignored =
                    TraceLogging.open(batch.get(failed).event().headers().get(Headers.TRACEPARENT), consumer)) {
                failed(consumer, batch.get(failed), e);
            }
            handleTogether(consumer, handler, batch.subList(failed + 1, batch.size()));
            return;
        }
        for (Received<T> received : batch) {
            applied.applied(
                    consumer,
                    received.event().envelope().eventId(),
                    received.event().envelope().aggregateId());
            received.message().ack();
        }
    }

    /** The message read as an event of the handler's type; an unreadable one is parked at once. */
    private <T> java.util.Optional<Received<T>> read(String consumer, EventHandler<T> handler, Message message) {
        Map<String, String> headers = headersOf(message);
        var meta = message.metaData();
        long deliveries = meta.deliveredCount();
        countDelivery(consumer, deliveries, meta.pendingCount());
        String payload = new String(message.getData(), StandardCharsets.UTF_8);
        try {
            Envelope<T> envelope = codec.read(payload, handler.eventType());
            return java.util.Optional.of(
                    new Received<>(message, new InboundEvent<>(envelope, Map.copyOf(headers), deliveries), payload));
        } catch (EnvelopeCodec.MalformedEvent e) {
            try (var ignored = TraceLogging.open(headers.get(Headers.TRACEPARENT), consumer)) {
                park(consumer, message, fallbackEventId(message, headers), payload, headers, e, deliveries);
            }
            return java.util.Optional.empty();
        }
    }

    private void countDelivery(String consumer, long deliveries, long pendingNow) {
        pending.computeIfAbsent(consumer, name -> {
                    var value = new AtomicLong();
                    Gauge.builder(PENDING_METRIC, value, AtomicLong::get)
                            .tag("consumer", name)
                            .description("Messages of the durable consumer not yet delivered, as of its last delivery")
                            .register(meters);
                    return value;
                })
                .set(pendingNow);
        if (deliveries > 1) {
            redeliveries
                    .computeIfAbsent(
                            consumer,
                            name -> Counter.builder(REDELIVERIES_METRIC)
                                    .tag("consumer", name)
                                    .description("Messages delivered again (failed, delayed or unacknowledged before)")
                                    .register(meters))
                    .increment();
        }
    }

    <T> void process(String consumer, EventHandler<T> handler, Message message) {
        read(consumer, handler, message).ifPresent(received -> handleAlone(consumer, handler, received));
    }

    private <T> void handleAlone(String consumer, EventHandler<T> handler, Received<T> received) {
        try (var handling = handling(consumer, received)) {
            handle(consumer, handler, received.message(), received.event(), received.payload(), handling);
        }
    }

    /** The handling of one message made current: its consumer span (child of the publish) or its MDC. */
    private MessageTracing.Handling handling(String consumer, Received<?> received) {
        InboundEvent<?> event = received.event();
        return tracing.handle(
                consumer,
                event.envelope().type(),
                event.envelope().eventId().toString(),
                event.deliveryCount(),
                event.headers());
    }

    private <T> void handle(
            String consumer,
            EventHandler<T> handler,
            Message message,
            InboundEvent<T> event,
            String payload,
            MessageTracing.Handling handling) {
        UUID eventId = event.envelope().eventId();
        try {
            boolean handled = firstDelivery(event)
                    ? inbox.handleFirstDelivery(transactions, consumer, handler, event)
                    : inbox.handleOnce(transactions, consumer, handler, event);
            if (!handled) {
                log.debug("{} skipped duplicate event {}", consumer, eventId);
            }
            applied.applied(consumer, eventId, event.envelope().aggregateId()); // committed: wake who waits for it
            message.ack();
        } catch (RuntimeException | Error e) { // an Error in a handler must not kill the consumer either
            handling.failed(e);
            failed(consumer, new Received<>(message, event, payload), e);
        }
    }

    /**
     * A message delivered for the first time is almost never one the consumer handled before: only an event
     * published again after the broker's duplicate window, or one another instance handled. Its inbox row goes with
     * the commit (docs/decisions/0082).
     */
    private static boolean firstDelivery(InboundEvent<?> event) {
        return event.deliveryCount() == 1;
    }

    /** A handler failed on this delivery: redeliver it later, or park it when it has had its deliveries. */
    private <T> void failed(String consumer, Received<T> received, Throwable error) {
        Message message = received.message();
        InboundEvent<T> event = received.event();
        long deliveries = event.deliveryCount();
        UUID eventId = event.envelope().eventId();
        if (error instanceof RetryLater retry) {
            if (deliveries >= properties.retryLaterCap()) {
                park(consumer, message, eventId, received.payload(), event.headers(), retry, deliveries);
            } else {
                log.debug("{} retries event {} later ({}): {}", consumer, eventId, retry.delay(), retry.getMessage());
                message.nakWithDelay(nonNegative(retry.delay()));
            }
        } else if (deliveries >= properties.maxDeliver()) {
            park(consumer, message, eventId, received.payload(), event.headers(), error, deliveries);
        } else {
            Duration delay = properties.backoffAfter(deliveries);
            log.warn(
                    "{} failed on event {} (delivery {} of {}), redelivering in {}",
                    consumer,
                    eventId,
                    deliveries,
                    properties.maxDeliver(),
                    delay,
                    error);
            message.nakWithDelay(delay);
        }
    }

    private void park(
            String consumer,
            Message message,
            UUID eventId,
            String payload,
            Map<String, String> headers,
            Throwable error,
            long deliveries) {
        log.error(
                "{} parks event {} of {} as a dead letter after {} deliveries",
                consumer,
                eventId,
                message.getSubject(),
                deliveries,
                error);
        deadLetters.park(consumer, message.getSubject(), eventId, payload, headers, describe(error), deliveries);
        Counter.builder(DEAD_LETTERS_METRIC)
                .tag("consumer", consumer)
                .register(meters)
                .increment();
        // parked: JetStream must never deliver it again (the replay goes through the table)
        message.term();
    }

    static String describe(Throwable error) {
        var text = new StringBuilder(error.getClass().getName()).append(": ").append(error.getMessage());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("\ncaused by ")
                    .append(cause.getClass().getName())
                    .append(": ")
                    .append(cause.getMessage());
        }
        return text.toString();
    }

    static Map<String, String> headersOf(Message message) {
        var result = new LinkedHashMap<String, String>();
        io.nats.client.impl.Headers headers = message.getHeaders();
        if (headers != null) {
            for (String key : headers.keySet()) {
                String value = headers.getFirst(key);
                if (value != null) {
                    result.put(key, value);
                }
            }
        }
        return result;
    }

    /** The id of an unreadable message: its Nats-Msg-Id if that is a UUID, else one derived from its position. */
    private static UUID fallbackEventId(Message message, Map<String, String> headers) {
        try {
            return UUID.fromString(headers.getOrDefault(Headers.MSG_ID, ""));
        } catch (IllegalArgumentException e) {
            var meta = message.metaData();
            return UUID.nameUUIDFromBytes(
                    (meta.getStream() + "/" + meta.streamSequence()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Duration nonNegative(Duration delay) {
        return delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }
}
