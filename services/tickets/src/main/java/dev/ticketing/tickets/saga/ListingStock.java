package dev.ticketing.tickets.saga;

import dev.ticketing.tickets.listing.StockSql;
import dev.ticketing.tickets.listing.domain.Stock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stock counters of listings as the saga moves them. Every move is one conditional update that also bumps
 * the version, so concurrent steps serialise on the listing row; its condition is the stock rule of
 * {@link Stock}, rendered by {@link StockSql}, and the {@code listings_stock} check constraint backs it: units
 * reserved + sold never exceed the quantity.
 */
@Repository
class ListingStock {

    /** The listing after a move. */
    record Moved(UUID id, long version, String title, BigDecimal price, int quantity, String sellerId) {}

    // one statement for every move: only its parameters differ
    private static final String MOVE = "update listings set " + StockSql.MOVE
            + ", version = version + 1, updated_at = :now where id = :id and " + StockSql.ALLOWS_MOVE
            + " returning id, version, title, price, quantity, seller_id";

    private final JdbcClient jdbc;

    ListingStock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds {@code quantity} units if that many are available; empty when not (or no such listing). */
    Optional<Moved> reserve(UUID listingId, int quantity, Instant now) {
        return move(Stock.Move.reserve(quantity), listingId, now);
    }

    /** Gives held units back. */
    Moved release(UUID listingId, int quantity, Instant now) {
        return move(Stock.Move.release(quantity), listingId, now)
                .orElseThrow(() -> inconsistent(listingId, "release", quantity));
    }

    /** Turns held units into sold ones. */
    Moved sell(UUID listingId, int quantity, Instant now) {
        return move(Stock.Move.sell(quantity), listingId, now)
                .orElseThrow(() -> inconsistent(listingId, "sell", quantity));
    }

    /** Gives sold units back (their e-tickets were revoked). */
    Moved unsell(UUID listingId, int quantity, Instant now) {
        return move(Stock.Move.unsell(quantity), listingId, now)
                .orElseThrow(() -> inconsistent(listingId, "unsell", quantity));
    }

    /** The version of a listing, 0 when it does not exist (for answers that change nothing). */
    long version(UUID listingId) {
        return jdbc.sql("select version from listings where id = :id")
                .param("id", listingId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Empty when the move would break the stock rule (nothing changed), or when there is no such listing. */
    private Optional<Moved> move(Stock.Move move, UUID listingId, Instant now) {
        return jdbc.sql(MOVE)
                .params(StockSql.parameters(move))
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", listingId)
                .query((rs, row) -> new Moved(
                        rs.getObject("id", UUID.class),
                        rs.getLong("version"),
                        rs.getString("title"),
                        rs.getBigDecimal("price"),
                        rs.getInt("quantity"),
                        rs.getString("seller_id")))
                .optional();
    }

    // a reservation in the state it is in must have its units on the listing: anything else is a bug
    private static IllegalStateException inconsistent(UUID listingId, String move, int quantity) {
        return new IllegalStateException("Cannot " + move + " " + quantity + " units of listing " + listingId
                + ": the counters do not match the reservation");
    }
}
