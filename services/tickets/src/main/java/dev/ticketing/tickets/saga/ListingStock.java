package dev.ticketing.tickets.saga;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stock counters of listings as the saga moves them. Every move is one conditional update that also bumps
 * the version, so concurrent steps serialise on the listing row and the {@code listings_stock} check constraint
 * backs every move: units reserved + sold never exceed the quantity.
 */
@Repository
class ListingStock {

    /** The listing after a move. */
    record Moved(UUID id, long version, String title, BigDecimal price, int quantity, String sellerId) {
    }

    private static final String RETURNING = " returning id, version, title, price, quantity, seller_id";

    private final JdbcClient jdbc;

    ListingStock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds {@code quantity} units if that many are available; empty when not (or no such listing). */
    Optional<Moved> reserve(UUID listingId, int quantity, Instant now) {
        return move("reserved = reserved + :q", "quantity - reserved - sold >= :q", listingId, quantity, now);
    }

    /** Gives held units back. */
    Moved release(UUID listingId, int quantity, Instant now) {
        return move("reserved = reserved - :q", "reserved >= :q", listingId, quantity, now)
                .orElseThrow(() -> inconsistent(listingId, "release", quantity));
    }

    /** Turns held units into sold ones. */
    Moved sell(UUID listingId, int quantity, Instant now) {
        return move("reserved = reserved - :q, sold = sold + :q", "reserved >= :q", listingId, quantity, now)
                .orElseThrow(() -> inconsistent(listingId, "sell", quantity));
    }

    /** Gives sold units back (their e-tickets were revoked). */
    Moved unsell(UUID listingId, int quantity, Instant now) {
        return move("sold = sold - :q", "sold >= :q", listingId, quantity, now)
                .orElseThrow(() -> inconsistent(listingId, "unsell", quantity));
    }

    /** The version of a listing, 0 when it does not exist (for answers that change nothing). */
    long version(UUID listingId) {
        return jdbc.sql("select version from listings where id = :id").param("id", listingId)
                .query(Long.class).optional().orElse(0L);
    }

    private Optional<Moved> move(String set, String condition, UUID listingId, int quantity, Instant now) {
        return jdbc.sql("update listings set " + set + ", version = version + 1, updated_at = :now"
                        + " where id = :id and " + condition + RETURNING)
                .param("q", quantity)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", listingId)
                .query((rs, row) -> new Moved(rs.getObject("id", UUID.class), rs.getLong("version"),
                        rs.getString("title"), rs.getBigDecimal("price"), rs.getInt("quantity"),
                        rs.getString("seller_id")))
                .optional();
    }

    // a reservation in the state it is in must have its units on the listing: anything else is a bug
    private static IllegalStateException inconsistent(UUID listingId, String move, int quantity) {
        return new IllegalStateException("Cannot " + move + " " + quantity + " units of listing " + listingId
                + ": the counters do not match the reservation");
    }
}
