package dev.ticketing.orders.order;

import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.orders.order.domain.Order;
import dev.ticketing.platform.web.pagination.Cursor;
import dev.ticketing.platform.web.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders in PostgreSQL. Every change is made on a row locked by the caller's transaction. */
@Repository
class OrderRepository {

    /** Namespace of the per-buyer advisory locks (first key of the two-key form), so no other lock collides. */
    private static final int BUYER_LOCK_SPACE = 83_001;

    private static final String VIEW = """
            select o.*, l.title as listing_title, l.price as listing_price
              from orders o join listing_replica l on l.id = o.ticket_id
            """;

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises the order creations of one buyer until the transaction ends (the "unpaid orders" limit). */
    void lockBuyer(String userId) {
        jdbc.sql("select pg_advisory_xact_lock(:space, hashtext(:userId))")
                .param("space", BUYER_LOCK_SPACE)
                .param("userId", userId)
                .query()
                .singleRow();
    }

    int countUnpaid(String userId) {
        return jdbc.sql("select count(*) from orders where user_id = :userId and status = 'created'")
                .param("userId", userId)
                .query(Integer.class)
                .single();
    }

    /**
     * Stores a new order and the first line of its timeline, in one statement. Column {@code ticket_id} holds the
     * order's listing id (named like the wire, where a ticket is a listing).
     */
    void insert(Order order, Timeline.Line first) {
        Timeline.bind(jdbc.sql("with created as (" + """
                        insert into orders (id, user_id, ticket_id, seller_id, quantity, unit_price, total, status, outcome,
                                            expires_at, created_at, updated_at, version, reserve_confirmed,
                                            reserve_deadline, delivery_deadline, units_held, payment_id)
                        values (:id, :userId, :listingId, :sellerId, :quantity, :unitPrice, :total, :status, :outcome,
                                :expiresAt, :createdAt, :updatedAt, :version, :reserveConfirmed,
                                :reserveDeadline, :deliveryDeadline, :unitsHeld, :paymentId)
                        returning id
                        """ + ") " + Timeline.appendFor("created")), first)
                .param("id", order.id())
                .param("userId", order.userId())
                .param("listingId", order.listingId())
                .param("sellerId", order.sellerId())
                .param("quantity", order.quantity())
                .param("unitPrice", order.unitPrice())
                .param("total", order.total())
                .param("status", order.status().wire())
                .param(
                        "outcome",
                        order.outcome() == null ? null : order.outcome().name())
                .param("expiresAt", timestamp(order.expiresAt()))
                .param("createdAt", timestamp(order.createdAt()))
                .param("updatedAt", timestamp(order.updatedAt()))
                .param("version", order.version())
                .param("reserveConfirmed", order.reserveConfirmed())
                .param("reserveDeadline", timestamp(order.reserveDeadline()))
                .param("deliveryDeadline", timestamp(order.deliveryDeadline()))
                .param("unitsHeld", order.unitsHeld())
                .param("paymentId", order.paymentId())
                .update();
    }

    /** The order, its row locked until the transaction ends. */
    Optional<Order> findForUpdate(UUID id) {
        return jdbc.sql("select * from orders where id = :id for update")
                .param("id", id)
                .query(OrderRepository::map)
                .optional();
    }

    /** The order locked, or empty when it is unknown or another transaction holds it (deadline sweeps). */
    Optional<Order> findForUpdateSkipLocked(UUID id) {
        return jdbc.sql("select * from orders where id = :id for update skip locked")
                .param("id", id)
                .query(OrderRepository::map)
                .optional();
    }

    /**
     * Stores a transition of an order read at {@code expectedVersion} and the timeline line that tells it, in one
     * statement; the row lock makes a mismatch a bug.
     */
    void update(Order order, long expectedVersion, Timeline.Line line) {
        int rows = Timeline.bind(jdbc.sql("with changed as (" + """
                        update orders
                           set status = :status, outcome = :outcome, version = :version,
                               reserve_confirmed = :reserveConfirmed, delivery_deadline = :deliveryDeadline,
                               units_held = :unitsHeld, payment_id = :paymentId, updated_at = :updatedAt
                         where id = :id and version = :expectedVersion
                        returning id
                        """ + ") " + Timeline.appendFor("changed")), line)
                .param("status", order.status().wire())
                .param(
                        "outcome",
                        order.outcome() == null ? null : order.outcome().name())
                .param("version", order.version())
                .param("reserveConfirmed", order.reserveConfirmed())
                .param("deliveryDeadline", timestamp(order.deliveryDeadline()))
                .param("unitsHeld", order.unitsHeld())
                .param("paymentId", order.paymentId())
                .param("updatedAt", timestamp(order.updatedAt()))
                .param("id", order.id())
                .param("expectedVersion", expectedVersion)
                .update();
        if (rows != 1) {
            throw new IllegalStateException(
                    "Order " + order.id() + " changed under a row lock (expected version " + expectedVersion + ")");
        }
    }

    Optional<OrderView> view(UUID id) {
        return jdbc.sql(VIEW + " where o.id = :id")
                .param("id", id)
                .query(OrderRepository::mapView)
                .optional();
    }

    /** A buyer's orders with their listing, newest first, after the cursor: one query, whatever the page size. */
    List<OrderView> byUser(String userId, PageRequest page) {
        var query = jdbc.sql(VIEW + " where o.user_id = :userId and "
                        + (page.after().isPresent() ? "(o.created_at, o.id) < (:afterAt, :afterId)" : "true")
                        + " order by o.created_at desc, o.id desc limit :fetch")
                .param("userId", userId)
                .param("fetch", page.fetchSize());
        if (page.after().isPresent()) {
            Cursor after = page.after().get();
            query = query.param("afterAt", timestamp(after.at())).param("afterId", after.uuidKey());
        }
        return query.query(OrderRepository::mapView).list();
    }

    /** Unconfirmed new orders past their reserve deadline (partial index orders_reserve_due). */
    List<UUID> reserveOverdue(Instant now, int limit) {
        return jdbc.sql("""
                        select id from orders
                         where status = 'created' and not reserve_confirmed and reserve_deadline < :now
                         order by reserve_deadline limit :limit
                        """)
                .param("now", timestamp(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Unpaid orders whose reservation ended before {@code cutoff} (partial index orders_expiry_due). */
    List<UUID> expiryOverdue(Instant cutoff, int limit) {
        return jdbc.sql("""
                        select id from orders
                         where status = 'created' and expires_at < :cutoff
                         order by expires_at limit :limit
                        """)
                .param("cutoff", timestamp(cutoff))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Paid orders past their delivery deadline (partial index orders_delivery_due). */
    List<UUID> deliveryOverdue(Instant now, int limit) {
        return jdbc.sql("""
                        select id from orders
                         where status = 'paid' and delivery_deadline < :now
                         order by delivery_deadline limit :limit
                        """)
                .param("now", timestamp(now))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    static Cursor cursorOf(OrderView view) {
        return Cursor.of(view.order().createdAt(), view.order().id());
    }

    private static OrderView mapView(ResultSet rs, int row) throws SQLException {
        return new OrderView(map(rs, row), rs.getString("listing_title"), rs.getBigDecimal("listing_price"));
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Order(
                rs.getObject("id", UUID.class),
                rs.getString("user_id"),
                rs.getObject("ticket_id", UUID.class),
                rs.getString("seller_id"),
                rs.getInt("quantity"),
                rs.getBigDecimal("unit_price"),
                OrderStatus.ofWire(rs.getString("status")),
                outcome == null ? null : OrderOutcome.valueOf(outcome),
                instant(rs, "expires_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"),
                rs.getBoolean("reserve_confirmed"),
                instant(rs, "reserve_deadline"),
                instant(rs, "delivery_deadline"),
                rs.getBoolean("units_held"),
                rs.getString("payment_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
