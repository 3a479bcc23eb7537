package dev.ticketing.contracts;

/** The JetStream streams of docs/asyncapi.yaml, one per publishing service. */
public enum Stream {
    USERS("USER", "auth"),
    TICKETS("TICKET", "tickets"),
    ORDERS("ORDER", "orders"),
    PAYMENTS("PAYMENT", "payments"),
    EXPIRATION("EXPIRATION", "expiration");

    private final String subjectPrefix;
    private final String publisher;

    Stream(String subjectPrefix, String publisher) {
        this.subjectPrefix = subjectPrefix;
        this.publisher = publisher;
    }

    /** The one service that publishes to this stream (its {@code spring.application.name}). */
    public String publisher() {
        return publisher;
    }

    /** The subjects the stream stores: every event of the publisher, keyed or not, e.g. {@code ORDER.>}. */
    public String subjects() {
        return subjectPrefix + ".>";
    }

    /** The last event of one aggregate, whatever its type: {@code ORDER.*.<key>}. */
    public String anyEventOf(String key) {
        return subjectPrefix + ".*." + key;
    }

    /** True when the event name (e.g. {@code ORDER.created}) belongs to this stream. */
    boolean covers(String name) {
        return name.startsWith(subjectPrefix + ".") && name.indexOf('.', subjectPrefix.length() + 1) < 0;
    }

    /** The stream that stores a subject, keyed or not. */
    public static Stream of(String subject) {
        int dot = subject.indexOf('.');
        String prefix = dot < 0 ? subject : subject.substring(0, dot);
        for (Stream stream : values()) {
            if (stream.subjectPrefix.equals(prefix)) {
                return stream;
            }
        }
        throw new IllegalArgumentException("No stream stores subject " + subject);
    }
}
