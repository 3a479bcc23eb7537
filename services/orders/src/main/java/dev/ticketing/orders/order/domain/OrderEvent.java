package dev.ticketing.orders.order.domain;

import dev.ticketing.contracts.OrderOutcome;

/**
 * What an order transition tells the rest of the system (published as {@code ORDER.*}) and what it does to the
 * units the order holds in the listing replica. Each carries the order's version after the change.
 */
public sealed interface OrderEvent {

    long version();

    /** The order was paid: tickets delivers, the delivery deadline runs. */
    record Paid(long version, String paymentId) implements OrderEvent {}

    /** The order was delivered; {@code sellsUnits}: its held units move from reserved to sold. */
    record Completed(long version, boolean sellsUnits) implements OrderEvent {}

    /** The order was cancelled; {@code releasesUnits}: its held units are given back. */
    record Cancelled(long version, OrderOutcome outcome, boolean releasesUnits) implements OrderEvent {}
}
