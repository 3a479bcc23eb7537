package dev.ticketing.orders.order;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The steps an order's saga took, as shown by {@code GET /api/orders/{id}/timeline}. */
@Repository
class Timeline {

    /** Where an entry comes from: the saga step and the service that answered (or {@code orders} itself). */
    record Source(String step, String service) {
        static final Source CREATE = new Source("create", "orders");
        static final Source RESERVE = new Source("reserve", "tickets");
        static final Source RESERVE_DEADLINE = new Source("reserve", "orders");
        static final Source PAYMENT = new Source("payment", "payments");
        static final Source DELIVERY = new Source("delivery", "tickets");
        static final Source DELIVERY_DEADLINE = new Source("delivery", "orders");
        static final Source EXPIRATION = new Source("expiration", "expiration");
        static final Source EXPIRY_BACKSTOP = new Source("expiration", "orders");
        static final Source BUYER_CANCEL = new Source("cancel", "orders");
    }

    /** One entry: docs/api.md's {@code {at, step, service, detail}}. */
    record Entry(Instant at, String step, String service, String detail) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Timeline(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void append(UUID orderId, Instant at, Source source, String detail) {
        jdbc.sql("""
                        insert into order_timeline (order_id, at, step, service, detail)
                        values (:orderId, :at, :step, :service, :detail)
                        """)
                .param("orderId", orderId)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("step", source.step())
                .param("service", source.service())
                .param("detail", detail)
                .update();
    }

    /** Appends at the current time when the order exists; empty when it does not. */
    java.util.Optional<UUID> appendIfOrderExists(UUID orderId, Source source, String detail) {
        int rows = jdbc.sql("""
                        insert into order_timeline (order_id, at, step, service, detail)
                        select o.id, :at, :step, :service, :detail from orders o where o.id = :orderId
                        """)
                .param("orderId", orderId)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .param("step", source.step())
                .param("service", source.service())
                .param("detail", detail)
                .update();
        return rows == 1 ? java.util.Optional.of(orderId) : java.util.Optional.empty();
    }

    /** Oldest first; entries of one instant in the order they were written. */
    List<Entry> of(UUID orderId) {
        return jdbc.sql(
                        "select at, step, service, detail from order_timeline where order_id = :orderId order by at, id")
                .param("orderId", orderId)
                .query((rs, row) -> new Entry(
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("step"),
                        rs.getString("service"),
                        rs.getString("detail")))
                .list();
    }
}
