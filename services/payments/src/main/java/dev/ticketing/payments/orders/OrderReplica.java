package dev.ticketing.payments.orders;

import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.orders.domain.Order;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The local replica of the orders service's orders. Payments and the ORDER.* handlers lock the order's row
 * ({@code for update}) before acting, so a payment and a cancellation of the same order are serialised: either
 * the payment sees the cancellation and is refused, or the cancellation sees the captured payment and refunds it.
 */
@Repository
public class OrderReplica {

    private final JdbcClient jdbc;

    OrderReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the order unless it is known already (ORDER.created redelivered under another event id), with the
     * {@code traceparent} of its trace (or null), which a payment continues. Column {@code ticket_id} holds the
     * listing's id (named like the wire, where a ticket is a listing).
     */
    void insert(Order order, String traceparent) {
        jdbc.sql("""
                        insert into orders (id, user_id, seller_id, ticket_id, quantity, unit_price, total, status,
                                            expires_at, version, traceparent)
                        values (:id, :user, :seller, :listing, :quantity, :unitPrice, :total, :status, :expiresAt,
                                :version, :traceparent)
                        on conflict (id) do nothing""")
                .param("id", order.id())
                .param("user", order.userId())
                .param("seller", order.sellerId())
                .param("listing", order.listingId())
                .param("quantity", order.quantity())
                .param("unitPrice", order.unitPrice())
                .param("total", order.total())
                .param("status", order.status().wire())
                .param("expiresAt", order.expiresAt().atOffset(ZoneOffset.UTC))
                .param("version", order.version())
                .param("traceparent", traceparent)
                .update();
    }

    /** Whether the order is replicated: what a payment waits for before its transaction. */
    public boolean replicated(String orderId) {
        return jdbc.sql("select exists (select 1 from orders where id = :id)")
                .param("id", orderId)
                .query(Boolean.class)
                .single();
    }

    /** The order, its row locked until the end of the caller's transaction. */
    public Optional<Order> lock(String orderId) {
        return lockWithTrace(orderId).map(Locked::order);
    }

    /**
     * The order and the {@code traceparent} of its trace (null when it came without one), its row locked until the
     * end of the caller's transaction: a payment continues that trace.
     */
    public Optional<Locked> lockWithTrace(String orderId) {
        return jdbc.sql("select * from orders where id = :id for update")
                .param("id", orderId)
                .query((rs, n) -> new Locked(order(rs, n), rs.getString("traceparent")))
                .optional();
    }

    /** A locked order, with the traceparent of its trace or null. */
    public record Locked(Order order, String traceparent) {}

    /**
     * Applies the change in one statement when it is newer than the replica's version (the usual case), locking the
     * row like {@link #lock}; empty when it is not (the same or older, or not replicated yet).
     */
    Optional<Order> updateIfNewer(String orderId, OrderStatus status, long version) {
        return jdbc.sql("""
                        update orders set status = :status, version = :version
                        where id = :id and version < :version
                        returning *""")
                .param("status", status.wire())
                .param("version", version)
                .param("id", orderId)
                .query(OrderReplica::order)
                .optional();
    }

    private static Order order(ResultSet rs, int row) throws SQLException {
        return new Order(
                rs.getString("id"),
                rs.getString("user_id"),
                rs.getString("seller_id"),
                rs.getString("ticket_id"),
                rs.getInt("quantity"),
                rs.getBigDecimal("unit_price"),
                rs.getBigDecimal("total"),
                OrderStatus.ofWire(rs.getString("status")),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"));
    }
}
