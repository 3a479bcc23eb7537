package dev.ticketing.contracts;

/**
 * Why payments could not charge the buyer ({@code PAYMENT.failed} outcome). The order is cancelled with it as its
 * outcome (docs/saga.md); the wire form is the constant's name.
 */
public enum PaymentFailure {
    /** The wallet could not cover the price. */
    INSUFFICIENT_FUND(OrderOutcome.INSUFFICIENT_FUND),
    /** The provider failed (e.g. an injected failure). */
    UNKNOWN(OrderOutcome.UNKNOWN),
    /** The provider did not answer in time. */
    TIMEOUT(OrderOutcome.TIMEOUT);

    private final OrderOutcome outcome;

    PaymentFailure(OrderOutcome outcome) {
        this.outcome = outcome;
    }

    /** The outcome of the order this failure cancels. */
    public OrderOutcome outcome() {
        return outcome;
    }
}
