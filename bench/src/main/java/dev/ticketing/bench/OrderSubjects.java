package dev.ticketing.bench;

import java.util.List;

/**
 * The subjects on which orders announces final states, the one place the bench names them. Subjects may gain
 * tokens (say {@code ORDER.completed.<partition>}); NATS's {@code >} needs at least one more token, so no single
 * pattern matches both today's subject and the longer ones: each is subscribed as itself and with {@code .>}.
 * The two patterns are disjoint, so no message arrives twice.
 */
final class OrderSubjects {

    static final String COMPLETED = "ORDER.completed";
    static final String CANCELLED = "ORDER.cancelled";

    /** Every pattern the bench subscribes to for the final states of orders. */
    static final List<String> FINAL_PATTERNS = List.of(COMPLETED, COMPLETED + ".>", CANCELLED, CANCELLED + ".>");

    private OrderSubjects() {}

    /** Whether a message on {@code subject} completes an order (else it cancels one). */
    static boolean isCompletion(String subject) {
        return subject.equals(COMPLETED) || subject.startsWith(COMPLETED + ".");
    }
}
