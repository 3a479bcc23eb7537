package dev.ticketing.payments.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.orders.domain.Order;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static Order order(OrderStatus status, Instant expiresAt) {
        return new Order(
                "o",
                "buyer",
                "seller",
                "t",
                2,
                new BigDecimal("5.00"),
                Order.totalOf(new BigDecimal("5"), 2),
                status,
                expiresAt,
                0);
    }

    @Test
    void aFreshOrderOfTheCallerIsPayable() {
        assertThat(PaymentRules.reject(order(OrderStatus.CREATED, NOW.plusSeconds(1)), "buyer", false, NOW))
                .isEmpty();
    }

    @Test
    void rejectionsComeInTheContractsOrder() {
        Order cancelledAndExpired = order(OrderStatus.CANCELLED, NOW);
        assertThat(PaymentRules.reject(cancelledAndExpired, "other", true, NOW))
                .containsInstanceOf(PaymentResult.NotOwner.class);
        assertThat(PaymentRules.reject(cancelledAndExpired, "buyer", true, NOW))
                .containsInstanceOf(PaymentResult.OrderCancelled.class);
        assertThat(PaymentRules.reject(order(OrderStatus.CREATED, NOW), "buyer", true, NOW))
                .containsInstanceOf(PaymentResult.AlreadyPaid.class);
        assertThat(PaymentRules.reject(order(OrderStatus.PAID, NOW.plusSeconds(9)), "buyer", false, NOW))
                .containsInstanceOf(PaymentResult.AlreadyPaid.class);
        assertThat(PaymentRules.reject(order(OrderStatus.COMPLETE, NOW.plusSeconds(9)), "buyer", false, NOW))
                .containsInstanceOf(PaymentResult.AlreadyPaid.class);
        assertThat(PaymentRules.reject(order(OrderStatus.CREATED, NOW), "buyer", false, NOW))
                .as("expiresAt <= now")
                .containsInstanceOf(PaymentResult.Expired.class);
    }

    @Test
    void theTotalIsUnitPriceTimesQuantityInCents() {
        assertThat(Order.totalOf(new BigDecimal("20.25"), 2)).isEqualTo(new BigDecimal("40.50"));
    }
}
