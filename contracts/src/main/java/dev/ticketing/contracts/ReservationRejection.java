package dev.ticketing.contracts;

/**
 * Why tickets could not hold an order's units ({@code TICKET.reservation-rejected} reason). The order is cancelled
 * with the reason as its outcome (docs/saga.md); the wire form is the constant's name.
 */
public enum ReservationRejection {
    /** Not enough units left. */
    INSUFFICIENT_INVENTORY(OrderOutcome.INSUFFICIENT_INVENTORY),
    /** The step failed with an error that is not a business rejection (e.g. an injected failure). */
    UNKNOWN(OrderOutcome.UNKNOWN),
    /** The step took too long; tickets does not send it today, but orders has always read it as TIMEOUT. */
    TIMEOUT(OrderOutcome.TIMEOUT);

    private final OrderOutcome outcome;

    ReservationRejection(OrderOutcome outcome) {
        this.outcome = outcome;
    }

    /** The outcome of the order this rejection cancels. */
    public OrderOutcome outcome() {
        return outcome;
    }
}
