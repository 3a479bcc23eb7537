package dev.ticketing.payments.payment.domain;

import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.orders.domain.Order;
import java.time.Instant;
import java.util.Optional;

/** The checks of POST /api/payments after the order was found, in docs/api.md's order. Pure, so unit-testable. */
public final class PaymentRules {

    private PaymentRules() {}

    public static Optional<PaymentResult> reject(Order order, String callerId, boolean captured, Instant now) {
        if (!order.userId().equals(callerId)) {
            return Optional.of(new PaymentResult.NotOwner());
        }
        if (order.status() == OrderStatus.CANCELLED) {
            return Optional.of(new PaymentResult.OrderCancelled());
        }
        // PAID only in rows replicated before payments stopped following ORDER.paid (decision 77)
        if (captured || order.status() == OrderStatus.PAID || order.status() == OrderStatus.COMPLETE) {
            return Optional.of(new PaymentResult.AlreadyPaid());
        }
        if (!order.expiresAt().isAfter(now)) {
            return Optional.of(new PaymentResult.Expired());
        }
        return Optional.empty();
    }
}
