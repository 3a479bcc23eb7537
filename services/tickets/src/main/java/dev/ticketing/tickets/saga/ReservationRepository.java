package dev.ticketing.tickets.saga;

import dev.ticketing.platform.messaging.Recent;
import dev.ticketing.tickets.saga.domain.Reservation;
import dev.ticketing.tickets.saga.domain.ReservationStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code reservations} table: one row per order id. Rows are created with {@code on conflict do nothing},
 * so two deliveries of one order racing each other leave one row, and the loser learns it lost.
 */
@Repository
class ReservationRepository {

    /** How many orders' listings are remembered: several seconds of orders at the bench's highest rates. */
    private static final int REMEMBERED = 4096;

    private final JdbcClient jdbc;
    /**
     * The listing of each order whose reservation this instance inserted lately. An order's listing never changes,
     * so what is remembered stays true, whether or not that insert committed.
     */
    private final Map<UUID, UUID> listingOfOrder = Recent.map(REMEMBERED);

    ReservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order's reservation, locked until the end of the transaction. */
    Optional<Reservation> lock(UUID orderId) {
        return jdbc.sql("""
                        select order_id, listing_id, buyer_id, quantity, status
                          from reservations where order_id = :orderId for update
                        """)
                .param("orderId", orderId)
                .query(ReservationRepository::map)
                .optional();
    }

    /**
     * The listing of the order, without locking anything: remembered when this instance inserted its reservation
     * lately (then also while that transaction has not committed), else read from the reservation; empty when the
     * order has none.
     */
    Optional<UUID> listingOf(UUID orderId) {
        UUID remembered = listingOfOrder.get(orderId);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        return jdbc.sql("select listing_id from reservations where order_id = :orderId")
                .param("orderId", orderId)
                .query(UUID.class)
                .optional();
    }

    /** Inserts the row unless the order already has one; false when it had. */
    boolean insert(Reservation reservation, Instant now) {
        listingOfOrder.put(reservation.orderId(), reservation.listingId());
        return jdbc.sql("""
                        insert into reservations (order_id, listing_id, buyer_id, quantity, status, created_at,
                                                  updated_at)
                        values (:orderId, :listingId, :buyerId, :quantity, :status, :now, :now)
                        on conflict (order_id) do nothing
                        """)
                        .param("orderId", reservation.orderId())
                        .param("listingId", reservation.listingId())
                        .param("buyerId", reservation.buyerId())
                        .param("quantity", reservation.quantity())
                        .param("status", reservation.status().name())
                        .param("now", now.atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    void setStatus(UUID orderId, ReservationStatus status, Instant now) {
        int rows = jdbc.sql("update reservations set status = :status, updated_at = :now where order_id = :orderId")
                .param("status", status.name())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("orderId", orderId)
                .update();
        if (rows != 1) {
            throw new IllegalStateException("No reservation of order " + orderId + " to set " + status);
        }
    }

    private static Reservation map(ResultSet rs, int row) throws SQLException {
        return new Reservation(
                rs.getObject("order_id", UUID.class),
                rs.getObject("listing_id", UUID.class),
                rs.getString("buyer_id"),
                rs.getInt("quantity"),
                ReservationStatus.valueOf(rs.getString("status")));
    }
}
