package dev.ticketing.contracts;

/** The JetStream streams of events.md, one per publishing service. */
public enum Stream {
    USERS("USER"),
    TICKETS("TICKET"),
    ORDERS("ORDER"),
    PAYMENTS("PAYMENT"),
    EXPIRATION("EXPIRATION");

    private final String subjectPrefix;

    Stream(String subjectPrefix) {
        this.subjectPrefix = subjectPrefix;
    }

    /** The wildcard subject the stream stores, e.g. {@code ORDER.*}. */
    public String subjects() {
        return subjectPrefix + ".*";
    }

    boolean covers(String subject) {
        return subject.startsWith(subjectPrefix + ".") && subject.indexOf('.', subjectPrefix.length() + 1) < 0;
    }
}
