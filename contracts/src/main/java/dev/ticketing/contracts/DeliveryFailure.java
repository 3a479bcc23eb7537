package dev.ticketing.contracts;

/**
 * Why tickets could not issue a paid order's e-tickets ({@code TICKET.delivery-failed} reason). The order is
 * cancelled (and refunded) with the reason as its outcome (docs/saga.md); the wire form is the constant's name.
 */
public enum DeliveryFailure {
    /** No held reservation to deliver. */
    DELIVERY_FAILED(OrderOutcome.DELIVERY_FAILED),
    /** The step failed with an error that is not a business rejection (e.g. an injected failure). */
    UNKNOWN(OrderOutcome.UNKNOWN),
    /** The step took too long; tickets does not send it today, but orders has always read it as TIMEOUT. */
    TIMEOUT(OrderOutcome.TIMEOUT);

    private final OrderOutcome outcome;

    DeliveryFailure(OrderOutcome outcome) {
        this.outcome = outcome;
    }

    /** The outcome of the order this failure cancels. */
    public OrderOutcome outcome() {
        return outcome;
    }
}
