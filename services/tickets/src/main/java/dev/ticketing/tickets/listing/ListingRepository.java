package dev.ticketing.tickets.listing;

import dev.ticketing.platform.web.pagination.Cursor;
import dev.ticketing.tickets.listing.domain.Listing;
import dev.ticketing.tickets.listing.domain.ListingDetails;
import dev.ticketing.platform.web.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Listings in PostgreSQL. Writes are optimistic: an update applies only on top of the version it was made from. */
@Repository
class ListingRepository {

    // orderId of the API: one pending order holding units, the oldest, so that it is stable between reads
    private static final String SELECT = """
            select l.id, l.seller_id, l.title, l.description, l.price, l.quantity, l.reserved, l.sold, l.version,
                   l.created_at, l.updated_at,
                   (select r.order_id from reservations r
                     where r.listing_id = l.id and r.status in ('HELD', 'CONFIRMED')
                     order by r.created_at, r.order_id limit 1) as pending_order_id
              from listings l
            """;

    private final JdbcClient jdbc;

    ListingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Listing listing) {
        jdbc.sql("""
                        insert into listings (id, seller_id, title, description, price, quantity, reserved, sold, version,
                                              created_at, updated_at)
                        values (:id, :sellerId, :title, :description, :price, :quantity, :reserved, :sold, :version,
                                :createdAt, :updatedAt)
                        """)
                .param("id", listing.id())
                .param("sellerId", listing.sellerId())
                .param("title", listing.details().title())
                .param("description", listing.details().description())
                .param("price", listing.details().price())
                .param("quantity", listing.details().quantity())
                .param("reserved", listing.reserved())
                .param("sold", listing.sold())
                .param("version", listing.version())
                .param("createdAt", timestamp(listing.createdAt()))
                .param("updatedAt", timestamp(listing.updatedAt()))
                .update();
    }

    Optional<Listing> find(UUID id) {
        return jdbc.sql(SELECT + " where l.id = :id").param("id", id).query(ListingRepository::map).optional();
    }

    /**
     * Stores the edited details if nobody changed the listing since {@code expectedVersion} was read; false when
     * someone did (the caller reloads and decides again). Counters are not written: the saga owns them.
     */
    boolean updateDetails(Listing edited, long expectedVersion) {
        int rows = jdbc.sql("""
                        update listings
                           set title = :title, description = :description, price = :price, quantity = :quantity,
                               version = :version, updated_at = :updatedAt
                         where id = :id and version = :expectedVersion
                        """)
                .param("title", edited.details().title())
                .param("description", edited.details().description())
                .param("price", edited.details().price())
                .param("quantity", edited.details().quantity())
                .param("version", edited.version())
                .param("updatedAt", timestamp(edited.updatedAt()))
                .param("id", edited.id())
                .param("expectedVersion", expectedVersion)
                .update();
        return rows == 1;
    }

    /** Listings with units left to buy, oldest first, after the cursor. */
    List<Listing> available(PageRequest page) {
        return jdbc.sql(SELECT + " where l.quantity - l.reserved - l.sold > 0 and " + after(page)
                        + " order by l.created_at, l.id limit :fetch")
                .params(cursorParams(page))
                .param("fetch", page.fetchSize())
                .query(ListingRepository::map).list();
    }

    /** A seller's listings, whatever their stock, oldest first, after the cursor. */
    List<Listing> bySeller(String sellerId, PageRequest page) {
        return jdbc.sql(SELECT + " where l.seller_id = :sellerId and " + after(page)
                        + " order by l.created_at, l.id limit :fetch")
                .params(cursorParams(page))
                .param("sellerId", sellerId)
                .param("fetch", page.fetchSize())
                .query(ListingRepository::map).list();
    }

    static Cursor cursorOf(Listing listing) {
        return Cursor.of(listing.createdAt(), listing.id());
    }

    private static String after(PageRequest page) {
        return page.after().isPresent() ? "(l.created_at, l.id) > (:afterAt, :afterId)" : "true";
    }

    private static Map<String, Object> cursorParams(PageRequest page) {
        return page.after().<Map<String, Object>>map(cursor -> Map.of(
                "afterAt", timestamp(cursor.at()),
                "afterId", cursor.uuidKey())).orElse(Map.of());
    }

    private static Listing map(ResultSet rs, int row) throws SQLException {
        var details = new ListingDetails(rs.getString("title"), rs.getString("description"),
                rs.getBigDecimal("price"), rs.getInt("quantity"));
        Object pendingOrder = rs.getObject("pending_order_id");
        return new Listing(rs.getObject("id", UUID.class), rs.getString("seller_id"), details,
                rs.getInt("reserved"), rs.getInt("sold"), rs.getLong("version"),
                pendingOrder == null ? null : pendingOrder.toString(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
