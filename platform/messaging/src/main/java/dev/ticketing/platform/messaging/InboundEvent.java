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

    /** The {@code fault-injection} header carried with the order, if any. */
    public Optional<String> faultInjection() {
        return Optional.ofNullable(headers.get(Headers.FAULT_INJECTION));
    }
}
