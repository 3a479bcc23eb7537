package dev.ticketing.contracts;

/**
 * How an order ended (docs/saga.md); every final order has one: SUCCESS when complete, the others when cancelled.
 * The wire form is the constant's name (Jackson's default for enums), e.g. {@code INSUFFICIENT_FUND}.
 */
public enum OrderOutcome {
    SUCCESS,
    EXPIRED,
    CANCELLED,
    INSUFFICIENT_FUND,
    INSUFFICIENT_INVENTORY,
    TIMEOUT,
    UNKNOWN,
    DELIVERY_FAILED
}
