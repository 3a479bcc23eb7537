package dev.ticketing.orders.order;

import dev.ticketing.orders.order.domain.Order;
import java.math.BigDecimal;
import java.time.Instant;

/** docs/api.md's Order JSON; {@code ticket} shows the listing as it is now, {@code unitPrice} what the buyer pays. */
record OrderResponse(
        String id,
        String userId,
        String status,
        String outcome,
        int quantity,
        BigDecimal unitPrice,
        BigDecimal total,
        Instant expiresAt,
        Instant createdAt,
        Ticket ticket,
        long version) {

    record Ticket(String id, String title, BigDecimal price) {}

    static OrderResponse of(OrderView view) {
        return of(view.order(), view.listingTitle(), view.listingPrice());
    }

    static OrderResponse of(Order order, String listingTitle, BigDecimal listingPrice) {
        return new OrderResponse(
                order.id().toString(),
                order.userId(),
                order.status().wire(),
                order.outcome() == null ? null : order.outcome().name(),
                order.quantity(),
                order.unitPrice(),
                order.total(),
                order.expiresAt(),
                order.createdAt(),
                new Ticket(order.listingId().toString(), listingTitle, listingPrice),
                order.version());
    }
}
