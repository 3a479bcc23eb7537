package dev.ticketing.tickets.listing;

import dev.ticketing.platform.web.pagination.Cursor;
import dev.ticketing.platform.web.pagination.PageRequest;
import dev.ticketing.tickets.listing.domain.Listing;
import dev.ticketing.tickets.listing.domain.ListingDetails;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
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

    private static final String NEWEST_FIRST = " order by l.created_at desc, l.id desc limit :fetch";

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
        return jdbc.sql(SELECT + " where l.id = :id")
                .param("id", id)
                .query(ListingRepository::map)
                .optional();
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

    /** A listing query as it runs, SQL and parameters, so that tests can also explain it. */
    record ListingQuery(String sql, Map<String, Object> params) {}

    /** Listings with units left to buy whose title has every word searched for, newest first, after the cursor. */
    List<Listing> available(TitleSearch search, PageRequest page) {
        return run(availableQuery(search, page));
    }

    /** A seller's listings, whatever their stock, newest first, after the cursor. */
    List<Listing> bySeller(String sellerId, PageRequest page) {
        return run(bySellerQuery(sellerId, page));
    }

    /**
     * The available condition is the predicate of the partial index {@code listings_available_newest}, word for
     * word (rendered from the stock rule); each searched word is an {@code ILIKE} the trigram index
     * {@code listings_title_trgm} can answer.
     */
    static ListingQuery availableQuery(TitleSearch search, PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>(cursorParams(page));
        StringBuilder where = new StringBuilder(StockSql.hasUnitsLeft("l"));
        List<String> patterns = search.patterns();
        for (int i = 0; i < patterns.size(); i++) {
            where.append(" and l.title ilike :word").append(i).append(" escape '\\'");
            params.put("word" + i, patterns.get(i));
        }
        params.put("fetch", page.fetchSize());
        return new ListingQuery(SELECT + " where " + where + " and " + after(page) + NEWEST_FIRST, params);
    }

    static ListingQuery bySellerQuery(String sellerId, PageRequest page) {
        Map<String, Object> params = new LinkedHashMap<>(cursorParams(page));
        params.put("sellerId", sellerId);
        params.put("fetch", page.fetchSize());
        return new ListingQuery(SELECT + " where l.seller_id = :sellerId and " + after(page) + NEWEST_FIRST, params);
    }

    private List<Listing> run(ListingQuery query) {
        return jdbc.sql(query.sql())
                .params(query.params())
                .query(ListingRepository::map)
                .list();
    }

    static Cursor cursorOf(Listing listing) {
        return Cursor.of(listing.createdAt(), listing.id());
    }

    /** Newest first, the id breaking ties; a cursor is the last listing of the page before. */
    private static String after(PageRequest page) {
        return page.after().isPresent() ? "(l.created_at, l.id) < (:afterAt, :afterId)" : "true";
    }

    private static Map<String, Object> cursorParams(PageRequest page) {
        return page.after()
                .<Map<String, Object>>map(cursor -> Map.of(
                        "afterAt", timestamp(cursor.at()),
                        "afterId", cursor.uuidKey()))
                .orElse(Map.of());
    }

    private static Listing map(ResultSet rs, int row) throws SQLException {
        var details = new ListingDetails(
                rs.getString("title"), rs.getString("description"), rs.getBigDecimal("price"), rs.getInt("quantity"));
        Object pendingOrder = rs.getObject("pending_order_id");
        return new Listing(
                rs.getObject("id", UUID.class),
                rs.getString("seller_id"),
                details,
                rs.getInt("reserved"),
                rs.getInt("sold"),
                rs.getLong("version"),
                pendingOrder == null ? null : pendingOrder.toString(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
