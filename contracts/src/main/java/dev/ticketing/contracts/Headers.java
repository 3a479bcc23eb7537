package dev.ticketing.contracts;

/** The NATS message headers of the envelope (docs/asyncapi.yaml). */
public final class Headers {

    private Headers() {}

    public static final String MSG_ID = "Nats-Msg-Id";
    public static final String TRACEPARENT = "traceparent";
    public static final String EVENT_TYPE = "event-type";
    public static final String SCHEMA_VERSION = "schema-version";
    public static final String FAULT_INJECTION = "fault-injection";
}
