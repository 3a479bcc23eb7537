package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Headers;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MessageTracing} without a tracer: the {@code traceparent} of the work in hand (the MDC's, a child of it,
 * or a new root) is stored and travels unchanged; handling puts the message's into the MDC. No span is recorded.
 */
final class MdcMessageTracing implements MessageTracing {

    private final TraceparentSupplier current;

    MdcMessageTracing(TraceparentSupplier current) {
        this.current = current;
    }

    @Override
    public Optional<String> forAppend() {
        return Optional.of(current.current()
                .filter(Traceparents::isValid)
                .map(Traceparents::child)
                .orElseGet(Traceparents::random));
    }

    @Override
    public Publish publish(String eventType, String subject, String eventId, Map<String, String> stored) {
        Optional<String> traceparent = Optional.ofNullable(stored.get(Headers.TRACEPARENT));
        return new Publish() {
            @Override
            public Optional<String> traceparent() {
                return traceparent;
            }

            @Override
            public void published(long lagMillis) {}

            @Override
            public void failed(Throwable error) {}
        };
    }

    @Override
    public Handling handle(
            String consumer, String eventType, String eventId, long deliveries, Map<String, String> headers) {
        TraceLogging logging = TraceLogging.open(headers.get(Headers.TRACEPARENT), consumer);
        return new Handling() {
            @Override
            public void failed(Throwable error) {}

            @Override
            public void close() {
                logging.close();
            }
        };
    }
}
