package dev.ticketing.platform.messaging;

import java.util.Optional;

/**
 * The W3C {@code traceparent} of the current trace, if any, stamped on every appended event. The default
 * reads the logging MDC (the {@code traceparent} the consumer put there, or the {@code traceId}/{@code spanId}
 * of Micrometer Tracing or OpenTelemetry); a service with a tracer may provide its own bean.
 */
@FunctionalInterface
public interface TraceparentSupplier {

    Optional<String> current();
}
