package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.Headers;
import java.util.Map;
import java.util.Optional;

/**
 * A received event: its envelope, its message headers and how many times it has been delivered.
 */
public record InboundEvent<T>(Envelope<T> envelope, Map<String, String> headers, long deliveryCount) {

    public T data() {
        return envelope.data();
    }

    /**
     * The W3C {@code traceparent} the message came with (its publish span), for work that must later continue this
     * trace (e.g. a payment of the order, decision 60).
     */
    public Optional<String> traceparent() {
        return Optional.ofNullable(headers.get(Headers.TRACEPARENT));
    }
}
