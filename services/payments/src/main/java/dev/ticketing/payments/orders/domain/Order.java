package dev.ticketing.payments.orders.domain;

import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.wallet.domain.Money;
import java.math.BigDecimal;
import java.time.Instant;

/** An order of the local replica: what a payment needs to know about it. */
public record Order(
        String id,
        String userId,
        String sellerId,
        String listingId,
        int quantity,
        BigDecimal unitPrice,
        BigDecimal total,
        OrderStatus status,
        Instant expiresAt,
        long version) {

    /** What the buyer pays: {@code unit price × quantity}, in cents precision. */
    public static BigDecimal totalOf(BigDecimal unitPrice, int quantity) {
        return Money.of(unitPrice.multiply(BigDecimal.valueOf(quantity)));
    }
}
