package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.Headers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to one delivered message: read it, handle it once through the inbox, then acknowledge it,
 * redeliver it later, or park it as a dead letter.
 */
final class InboundProcessor {

    static final String DEAD_LETTERS_METRIC = "ticketing.messaging.dead_letters";
    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final DeadLetters deadLetters;
    private final EnvelopeCodec codec;
    private final MessagingProperties properties;
    private final MeterRegistry meters;
    private final AppliedEvents applied;

    InboundProcessor(Inbox inbox, TransactionTemplate transactions, DeadLetters deadLetters, EnvelopeCodec codec,
                     MessagingProperties properties, MeterRegistry meters, AppliedEvents applied) {
        this.applied = applied;
        this.inbox = inbox;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.properties = properties;
        this.meters = meters;
    }

    <T> void process(String consumer, EventHandler<T> handler, Message message) {
        Map<String, String> headers = headersOf(message);
        long deliveries = message.metaData().deliveredCount();
        String payload = new String(message.getData(), StandardCharsets.UTF_8);
        try (var ignored = TraceLogging.open(headers.get(Headers.TRACEPARENT), consumer)) {
            Envelope<T> envelope;
            try {
                envelope = codec.read(payload, handler.eventType());
            } catch (EnvelopeCodec.MalformedEvent e) {
                park(consumer, message, fallbackEventId(message, headers), payload, headers, e, deliveries);
                return;
            }
            handle(consumer, handler, message, new InboundEvent<>(envelope, Map.copyOf(headers), deliveries),
                    payload);
        }
    }

    private <T> void handle(String consumer, EventHandler<T> handler, Message message, InboundEvent<T> event,
                            String payload) {
        long deliveries = event.deliveryCount();
        UUID eventId = event.envelope().eventId();
        try {
            boolean handled = inbox.handleOnce(transactions, consumer, handler, event);
            if (!handled) {
                log.debug("{} skipped duplicate event {}", consumer, eventId);
            }
            applied.applied(consumer, eventId, event.envelope().aggregateId()); // committed: wake who waits for it
            message.ack();
        } catch (RetryLater e) {
            if (deliveries >= properties.retryLaterCap()) {
                park(consumer, message, eventId, payload, event.headers(), e, deliveries);
            } else {
                log.debug("{} retries event {} later ({}): {}", consumer, eventId, e.delay(), e.getMessage());
                message.nakWithDelay(nonNegative(e.delay()));
            }
        } catch (RuntimeException | Error e) { // an Error in a handler must not kill the consumer either
            if (deliveries >= properties.maxDeliver()) {
                park(consumer, message, eventId, payload, event.headers(), e, deliveries);
            } else {
                Duration delay = properties.backoffAfter(deliveries);
                log.warn("{} failed on event {} (delivery {} of {}), redelivering in {}", consumer, eventId,
                        deliveries, properties.maxDeliver(), delay, e);
                message.nakWithDelay(delay);
            }
        }
    }

    private void park(String consumer, Message message, UUID eventId, String payload, Map<String, String> headers,
                      Throwable error, long deliveries) {
        log.error("{} parks event {} of {} as a dead letter after {} deliveries", consumer, eventId,
                message.getSubject(), deliveries, error);
        deadLetters.park(consumer, message.getSubject(), eventId, payload, headers, describe(error), deliveries);
        Counter.builder(DEAD_LETTERS_METRIC).tag("consumer", consumer).register(meters).increment();
        // parked: JetStream must never deliver it again (the replay goes through the table)
        message.term();
    }

    static String describe(Throwable error) {
        var text = new StringBuilder(error.getClass().getName()).append(": ").append(error.getMessage());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause();
             cause = cause.getCause()) {
            text.append("\ncaused by ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
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
            return UUID.nameUUIDFromBytes((meta.getStream() + "/" + meta.streamSequence())
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Duration nonNegative(Duration delay) {
        return delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }
}
