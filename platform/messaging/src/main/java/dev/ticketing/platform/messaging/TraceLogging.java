package dev.ticketing.platform.messaging;

import org.slf4j.MDC;

/**
 * Puts the trace of the message being handled into the logging MDC for the duration of the handling, so that
 * log lines carry it and events appended by the handler continue the same trace.
 */
final class TraceLogging implements AutoCloseable {

    private final String previousTraceparent;
    private final String previousTraceId;
    private final String previousConsumer;

    private TraceLogging(String traceparent, String consumer) {
        previousTraceparent = MDC.get(Traceparents.MDC_TRACEPARENT);
        previousTraceId = MDC.get("traceId");
        previousConsumer = MDC.get("consumer");
        if (Traceparents.isValid(traceparent)) {
            MDC.put(Traceparents.MDC_TRACEPARENT, traceparent);
            MDC.put("traceId", Traceparents.traceId(traceparent));
        }
        MDC.put("consumer", consumer);
    }

    static TraceLogging open(String traceparent, String consumer) {
        return new TraceLogging(traceparent, consumer);
    }

    @Override
    public void close() {
        restore(Traceparents.MDC_TRACEPARENT, previousTraceparent);
        restore("traceId", previousTraceId);
        restore("consumer", previousConsumer);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
