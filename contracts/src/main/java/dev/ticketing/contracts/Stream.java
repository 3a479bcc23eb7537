package dev.ticketing.contracts;

/** The JetStream streams of events.md, one per publishing service. */
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

    /** The wildcard subject the stream stores, e.g. {@code ORDER.*}. */
    public String subjects() {
        return subjectPrefix + ".*";
    }

    boolean covers(String subject) {
        return subject.startsWith(subjectPrefix + ".") && subject.indexOf('.', subjectPrefix.length() + 1) < 0;
    }
}
