package dev.ticketing.payments.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payments table; the partial unique index allows one CAPTURED payment per order. */
@Repository
class PaymentStore {

    record Captured(UUID id, String orderId, String userId, BigDecimal amount) {}

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertCaptured(Captured payment, Instant now) {
        jdbc.sql("""
                        insert into payments (id, order_id, user_id, amount, status, created_at)
                        values (:id, :order, :user, :amount, 'CAPTURED', :now)""")
                .param("id", payment.id())
                .param("order", payment.orderId())
                .param("user", payment.userId())
                .param("amount", payment.amount())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    Optional<Captured> captured(String orderId) {
        return jdbc.sql(
                        "select id, order_id, user_id, amount from payments where order_id = :order and status = 'CAPTURED'")
                .param("order", orderId)
                .query((rs, n) -> new Captured(
                        rs.getObject("id", UUID.class),
                        rs.getString("order_id"),
                        rs.getString("user_id"),
                        rs.getBigDecimal("amount")))
                .optional();
    }

    /**
     * Marks the order's captured payment refunded and returns it; empty when there is none (never paid, or
     * refunded already). The status guard in the update makes a second refund impossible.
     */
    Optional<Captured> markRefunded(String orderId, Instant now) {
        return jdbc.sql("""
                        update payments set status = 'REFUNDED', refunded_at = :now
                        where order_id = :order and status = 'CAPTURED'
                        returning id, order_id, user_id, amount""")
                .param("order", orderId)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Captured(
                        rs.getObject("id", UUID.class),
                        rs.getString("order_id"),
                        rs.getString("user_id"),
                        rs.getBigDecimal("amount")))
                .optional();
    }
}
