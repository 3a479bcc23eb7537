package dev.ticketing.platform.observability;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the services say about the purchase saga in its trace (decision 60). A saga step is not a span of its own:
 * it is the span already in hand (the consumer's span of the event that drives the step, or the HTTP request's),
 * tagged with {@code order.id}, {@code ticket.id}, {@code saga.step} and {@code saga.result}, so a purchase costs no
 * extra spans. With tracing off every method does nothing but run the work it is given.
 */
public final class SagaSpans {

    public static final String ORDER_ID = "order.id";
    public static final String TICKET_ID = "ticket.id";
    public static final String STEP = "saga.step";
    public static final String RESULT = "saga.result";
    /** On a request span that acted for an order: the order's trace, which the effects of the request joined. */
    public static final String SAGA_TRACE_ID = "saga.trace_id";
    /** On a span that continues an order's trace for a request: the request's own trace and span. */
    public static final String LINK_TRACE_ID = "link.trace_id";

    public static final String LINK_SPAN_ID = "link.span_id";
    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public SagaSpans(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tags the current span with a saga step and its result; null ids are left out. */
    public void step(String step, Object orderId, Object ticketId, String result) {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return;
        }
        if (orderId != null) {
            span.tag(ORDER_ID, orderId.toString());
        }
        if (ticketId != null) {
            span.tag(TICKET_ID, ticketId.toString());
        }
        span.tag(STEP, step);
        if (result != null) {
            span.tag(RESULT, result);
        }
    }

    /** The W3C {@code traceparent} of the current span, to store with something that later work continues. */
    public String currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop()) {
            return null;
        }
        var carrier = new java.util.HashMap<String, String>(2);
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Runs {@code work} in a new span {@code name} that continues the trace of {@code traceparent} (an order's), so
     * that what the work causes (its events, and everything they cause) belongs to that trace. When there is a
     * current span of another trace (a request's), it is tagged with the continued trace's id and the new span with
     * the request's (Zipkin shows no span links; the tags lead from one trace to the other), and linked to it for
     * OpenTelemetry backends. Without a valid {@code traceparent}, or with tracing off, the work just runs.
     */
    public <T> T continueTrace(String traceparent, String name, Supplier<T> work) {
        Span current = tracer.currentSpan();
        if (traceparent == null || tracer == Tracer.NOOP || (current != null && current.isNoop())) {
            return work.get();
        }
        Span.Builder builder = propagator
                .extract(Map.of(TRACEPARENT, traceparent), (carrier, key) -> carrier.get(key))
                .name(name);
        if (current != null) {
            builder.addLink(new Link(current.context()))
                    .tag(LINK_TRACE_ID, current.context().traceId())
                    .tag(LINK_SPAN_ID, current.context().spanId());
        }
        Span span = builder.start();
        if (current != null && span.context().traceId().equals(current.context().traceId())) {
            span.abandon(); // not a trace of its own after all (an unreadable traceparent): nothing to continue
            return work.get();
        }
        if (current != null) {
            current.tag(SAGA_TRACE_ID, span.context().traceId());
        }
        try (var ignored = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
