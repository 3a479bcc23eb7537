package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Headers;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MessageTracing} with Micrometer Tracing: one PRODUCER span per published event and one CONSUMER span per
 * handled message, joined through the W3C {@code traceparent} header (the OpenTelemetry agent does not link a
 * JetStream publish to its consume; this does). Attribute names follow OpenTelemetry's messaging conventions.
 */
final class TracerMessageTracing implements MessageTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    TracerMessageTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span itself: the producer span made at publish time will be its child. */
    @Override
    public Optional<String> forAppend() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return Optional.empty(); // the publish starts a trace of its own
        }
        return traceparentOf(span);
    }

    @Override
    public Publish publish(String eventType, String subject, String eventId, Map<String, String> stored) {
        Span span = propagator
                .extract(stored, Map::get)
                .name("publish " + eventType)
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "nats")
                .tag("messaging.operation.type", "send")
                .tag("messaging.destination.name", subject)
                .tag("messaging.message.id", eventId)
                .start();
        Optional<String> traceparent = traceparentOf(span);
        return new Publish() {
            @Override
            public Optional<String> traceparent() {
                return traceparent;
            }

            @Override
            public void published(long lagMillis) {
                span.tag("outbox.lag_ms", lagMillis).end();
            }

            @Override
            public void failed(Throwable error) {
                span.error(error).end();
            }
        };
    }

    @Override
    public Handling handle(
            String consumer, String eventType, String eventId, long deliveries, Map<String, String> headers) {
        Span span = propagator
                .extract(headers, Map::get)
                .name("process " + eventType)
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "nats")
                .tag("messaging.operation.type", "process")
                .tag("messaging.consumer.group.name", consumer)
                .tag("messaging.message.id", eventId)
                .tag("messaging.nats.delivery_count", deliveries)
                .start();
        Tracer.SpanInScope scope = tracer.withSpan(span);
        TraceLogging logging = TraceLogging.open(null, consumer);
        return new Handling() {
            @Override
            public void failed(Throwable error) {
                span.error(error);
            }

            @Override
            public void close() {
                logging.close();
                scope.close();
                span.end();
            }
        };
    }

    private Optional<String> traceparentOf(Span span) {
        var carrier = new HashMap<String, String>(2);
        propagator.inject(span.context(), carrier, Map::put);
        return Optional.ofNullable(carrier.get(Headers.TRACEPARENT)).filter(Traceparents::isValid);
    }
}
