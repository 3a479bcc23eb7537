package dev.ticketing.orders.order.domain;

import dev.ticketing.contracts.DeliveryFailure;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.contracts.PaymentFailure;
import dev.ticketing.contracts.ReservationRejection;
import dev.ticketing.orders.order.domain.Transition.Ignored;
import dev.ticketing.orders.order.domain.Transition.Illegal;
import dev.ticketing.orders.order.domain.Transition.Transitioned;
import dev.ticketing.orders.order.domain.Transition.Unchanged;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A buyer's order of {@code quantity} units of one listing and the state of its purchase saga (docs/saga.md).
 * Immutable: every transition method returns a {@link Transition}; a change carries the next order, whose
 * {@code version} moves by one exactly when an {@code ORDER.*} event is published, so that consumers of those
 * events see consecutive versions. Saga bookkeeping (the reserve confirmation) changes no version.
 *
 * @param unitsHeld true while the order's units are counted as reserved in the listing replica; they are
 *                  released (cancel) or sold (complete) exactly once
 */
public record Order(
        UUID id,
        String userId,
        UUID listingId,
        String sellerId,
        int quantity,
        BigDecimal unitPrice,
        OrderStatus status,
        OrderOutcome outcome,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        boolean reserveConfirmed,
        Instant reserveDeadline,
        Instant deliveryDeadline,
        boolean unitsHeld,
        String paymentId) {

    public static final String CANNOT_CANCEL_PAID = "Cannot cancel a paid order";

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(listingId, "listingId");
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(reserveDeadline, "reserveDeadline");
        if (quantity < 1 || version < 0 || unitPrice.signum() <= 0) {
            throw new IllegalArgumentException("Invalid order " + id + ": quantity " + quantity + ", version " + version
                    + ", unit price " + unitPrice);
        }
        if (status.isFinal() != (outcome != null)) {
            throw new IllegalArgumentException("Order " + id + " is " + status + " with outcome " + outcome
                    + ": every final state has an outcome and only final states have one");
        }
        if (status == OrderStatus.PAID && deliveryDeadline == null) {
            throw new IllegalArgumentException("Paid order " + id + " without a delivery deadline");
        }
        unitPrice = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * A new order: units already reserved in the replica, version 0, paying possible until {@code now + ttl},
     * tickets' confirmation of the units expected within {@code reserveTimeout}.
     */
    public static Order place(
            UUID id,
            String userId,
            UUID listingId,
            String sellerId,
            int quantity,
            BigDecimal unitPrice,
            Instant now,
            Duration ttl,
            Duration reserveTimeout) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS); // what the database keeps
        return new Order(
                id,
                userId,
                listingId,
                sellerId,
                quantity,
                unitPrice,
                OrderStatus.CREATED,
                null,
                at.plus(ttl),
                at,
                at,
                0,
                false,
                at.plus(reserveTimeout),
                null,
                true,
                null);
    }

    /** {@code unitPrice × quantity}: what the buyer pays. */
    public BigDecimal total() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    public boolean isOwnedBy(String callerId) {
        return userId.equals(callerId);
    }

    // --- reserve step (tickets)

    /** Tickets holds the units ({@code TICKET.updated} naming this order): the reserve deadline no longer applies. */
    public Transition confirmReservation(Instant now) {
        return switch (status) {
            case CREATED, PAID ->
                reserveConfirmed
                        ? new Unchanged()
                        : new Transitioned(
                                with(status, outcome, version, true, deliveryDeadline, unitsHeld, paymentId, now),
                                List.of(),
                                "units reserved by tickets");
            case CANCELLED ->
                reserveConfirmed
                        ? new Unchanged()
                        : new Ignored(
                                "units reserved after the order was cancelled; tickets releases them on ORDER.cancelled");
            case COMPLETE -> new Unchanged();
        };
    }

    /** Tickets could not hold the units: the order is cancelled with the reason as outcome. */
    public Transition rejectReservation(ReservationRejection reason, Instant now) {
        return switch (status) {
            case CREATED, PAID -> cancel(reason.outcome(), now, "reservation rejected by tickets");
            case CANCELLED -> new Ignored("reservation rejected (" + reason + ") after the order was cancelled");
            case COMPLETE -> new Illegal("reservation rejected (" + reason + ") for a completed order");
        };
    }

    /** Nothing confirmed the units before the reserve deadline. Unchanged when that no longer holds. */
    public Transition timeOutReservation(Instant now) {
        if (status != OrderStatus.CREATED || reserveConfirmed || now.isBefore(reserveDeadline)) {
            return new Unchanged();
        }
        return cancel(OrderOutcome.TIMEOUT, now, "reserve deadline passed without a confirmation from tickets");
    }

    // --- payment step (payments)

    /** Payments captured the money: the order is paid and the delivery deadline starts. */
    public Transition pay(String newPaymentId, Duration deliveryTimeout, Instant now) {
        return switch (status) {
            case CREATED -> {
                long next = version + 1;
                Order paid = with(
                        OrderStatus.PAID,
                        null,
                        next,
                        reserveConfirmed,
                        now.truncatedTo(ChronoUnit.MICROS).plus(deliveryTimeout),
                        unitsHeld,
                        newPaymentId,
                        now);
                yield new Transitioned(
                        paid, List.of(new OrderEvent.Paid(next, newPaymentId)), "paid with payment " + newPaymentId);
            }
            case CANCELLED -> new Ignored("late payment " + newPaymentId + ", refunded by payments on ORDER.cancelled");
            case PAID, COMPLETE ->
                Objects.equals(paymentId, newPaymentId)
                        ? new Unchanged()
                        : new Illegal(
                                "payment " + newPaymentId + " for an order already paid with payment " + paymentId);
        };
    }

    /** Payments could not charge the buyer: the order is cancelled with that outcome. */
    public Transition failPayment(PaymentFailure reason, Instant now) {
        return switch (status) {
            case CREATED -> cancel(reason.outcome(), now, "payment failed");
            case CANCELLED -> new Ignored("payment failed (" + reason + ") after the order was cancelled");
            case PAID, COMPLETE -> new Illegal("payment failed (" + reason + ") for an order that is " + status.wire());
        };
    }

    /** The reservation window closed ({@code EXPIRATION.complete}): only an unpaid order is cancelled. */
    public Transition expire(Instant now) {
        return switch (status) {
            case CREATED -> cancel(OrderOutcome.EXPIRED, now, "reservation expired before payment");
            case PAID, COMPLETE, CANCELLED -> new Ignored("expired while " + status.wire() + ": nothing to do");
        };
    }

    /**
     * Orders' own backstop for the expiry timer: an order still unpaid once {@code expiresAt + grace} has passed is
     * cancelled as EXPIRED even if {@code EXPIRATION.complete} never came (the expiration service is stuck, or
     * its event was dead-lettered).
     */
    public Transition expireOverdue(Duration grace, Instant now) {
        if (status != OrderStatus.CREATED || now.isBefore(expiresAt.plus(grace))) {
            return new Unchanged();
        }
        return cancel(
                OrderOutcome.EXPIRED,
                now,
                "reservation expired before payment (no expiry timer arrived; orders' own check)");
    }

    // --- delivery step (tickets)

    /** Tickets issued the e-tickets: the order is complete and its units are sold. */
    public Transition deliver(Instant now) {
        return switch (status) {
            case PAID -> {
                long next = version + 1;
                Order complete = with(
                        OrderStatus.COMPLETE,
                        OrderOutcome.SUCCESS,
                        next,
                        reserveConfirmed,
                        deliveryDeadline,
                        false,
                        paymentId,
                        now);
                yield new Transitioned(
                        complete,
                        List.of(new OrderEvent.Completed(next, unitsHeld)),
                        "delivered " + quantity + " e-ticket(s): complete, SUCCESS");
            }
            case CANCELLED -> new Ignored("late delivery; tickets revokes the e-tickets on ORDER.cancelled");
            case COMPLETE -> new Unchanged();
            case CREATED -> new Illegal("delivered before the order was paid");
        };
    }

    /** Tickets could not deliver a paid order: cancelled (the money is refunded on ORDER.cancelled). */
    public Transition failDelivery(DeliveryFailure reason, Instant now) {
        return switch (status) {
            case PAID -> cancel(reason.outcome(), now, "delivery failed");
            case CANCELLED -> new Ignored("delivery failed (" + reason + ") after the order was cancelled");
            case CREATED, COMPLETE ->
                new Illegal("delivery failed (" + reason + ") for an order that is " + status.wire());
        };
    }

    /** Tickets did not deliver before the delivery deadline. Unchanged when that no longer holds. */
    public Transition timeOutDelivery(Instant now) {
        if (status != OrderStatus.PAID || now.isBefore(deliveryDeadline)) {
            return new Unchanged();
        }
        return cancel(OrderOutcome.TIMEOUT, now, "delivery deadline passed without an answer from tickets");
    }

    // --- the buyer

    /** The buyer cancels: possible until paid; cancelling a cancelled order changes nothing. */
    public Transition cancelByBuyer(Instant now) {
        return switch (status) {
            case CREATED -> cancel(OrderOutcome.CANCELLED, now, "cancelled by the buyer");
            case CANCELLED -> new Unchanged();
            case PAID, COMPLETE -> new Illegal(CANNOT_CANCEL_PAID);
        };
    }

    private Transition cancel(OrderOutcome reason, Instant now, String why) {
        long next = version + 1;
        Order cancelled =
                with(OrderStatus.CANCELLED, reason, next, reserveConfirmed, deliveryDeadline, false, paymentId, now);
        return new Transitioned(
                cancelled, List.of(new OrderEvent.Cancelled(next, reason, unitsHeld)), why + ": cancelled, " + reason);
    }

    private Order with(
            OrderStatus newStatus,
            OrderOutcome newOutcome,
            long newVersion,
            boolean confirmed,
            Instant newDeliveryDeadline,
            boolean held,
            String newPaymentId,
            Instant now) {
        return new Order(
                id,
                userId,
                listingId,
                sellerId,
                quantity,
                unitPrice,
                newStatus,
                newOutcome,
                expiresAt,
                createdAt,
                now.truncatedTo(ChronoUnit.MICROS),
                newVersion,
                confirmed,
                reserveDeadline,
                newDeliveryDeadline,
                held,
                newPaymentId);
    }
}
