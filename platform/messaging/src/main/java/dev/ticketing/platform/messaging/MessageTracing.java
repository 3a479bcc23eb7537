package dev.ticketing.platform.messaging;

import java.util.Map;
import java.util.Optional;

/**
 * How messages carry a trace (decision 60). With a tracer the publish of every outbox row is a PRODUCER span, child
 * of the work that appended it, and its context travels in the message's {@code traceparent}; handling a message is
 * a CONSUMER span, child of that producer span, and current while the handler runs, so the events it appends
 * continue the trace. Without one ({@code TICKETING_TRACING=off}) only the {@code traceparent} travels, through the
 * logging MDC, as it always did.
 */
interface MessageTracing {

    /** The {@code traceparent} to store with an event appended now, if any. */
    Optional<String> forAppend();

    /** Starts the publish of one outbox row; {@code stored} are the headers stored with it. */
    Publish publish(String eventType, String subject, String eventId, Map<String, String> stored);

    /** Makes the handling of one message current (span, MDC) until closed. */
    Handling handle(String consumer, String eventType, String eventId, long deliveries, Map<String, String> headers);

    /** One publish: its {@code traceparent} for the message, and its end. */
    interface Publish {

        /** The {@code traceparent} header of the message. */
        Optional<String> traceparent();

        void published(long lagMillis);

        void failed(Throwable error);
    }

    /** One handling, current until {@link #close()}. */
    interface Handling extends AutoCloseable {

        void failed(Throwable error);

        @Override
        void close();
    }
}
