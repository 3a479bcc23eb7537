package dev.ticketing.orders.order;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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

    /** An entry to write for an order, with the change of the order it tells ({@link OrderRepository}). */
    record Line(Instant at, Source source, String detail) {}

    /**
     * Appends a {@link Line} for each order id that {@code source} (a statement or common table expression
     * returning {@code id}) yields; its parameters are {@code :at, :step, :service, :detail}.
     */
    static String appendFor(String source) {
        return """
                insert into order_timeline (order_id, at, step, service, detail)
                select id, :at, :step, :service, :detail from\s""" + source;
    }

    /** Binds a {@link Line} to the parameters of {@link #appendFor}. */
    static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Line line) {
        return statement
                .param("at", line.at().atOffset(ZoneOffset.UTC))
                .param("step", line.source().step())
                .param("service", line.source().service())
                .param("detail", line.detail());
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Timeline(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Appends a line to an order's timeline when the order exists, and returns its id; empty when it does not. A
     * change of the order writes its line with the change instead ({@link OrderRepository#update}).
     */
    Optional<UUID> append(UUID orderId, Line line) {
        int rows = bind(jdbc.sql(appendFor("orders where id = :orderId")), line)
                .param("orderId", orderId)
                .update();
        return rows == 1 ? Optional.of(orderId) : Optional.empty();
    }

    /** {@link #append} at the current time. */
    Optional<UUID> appendIfOrderExists(UUID orderId, Source source, String detail) {
        return append(orderId, new Line(clock.instant(), source, detail));
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
