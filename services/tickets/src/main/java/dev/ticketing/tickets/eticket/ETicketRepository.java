package dev.ticketing.tickets.eticket;

import dev.ticketing.platform.web.pagination.Cursor;
import dev.ticketing.platform.web.pagination.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a buyer's valid e-tickets; issuing and revoking them follows the order saga ({@code saga.ETickets}). */
@Repository
class ETicketRepository {

    private final JdbcClient jdbc;

    ETicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The buyer's e-tickets that are not revoked, newest first, after the cursor (index e_tickets_by_buyer_newest). */
    List<ETicket> byBuyer(String buyerId, PageRequest page) {
        var query = jdbc.sql("""
                        select e.code, e.listing_id, l.title, e.order_id, e.issued_at
                          from e_tickets e join listings l on l.id = e.listing_id
                         where e.buyer_id = :buyerId and e.revoked_at is null and %s
                         order by e.issued_at desc, e.code desc
                         limit :fetch
                        """.formatted(
                                page.after().isPresent() ? "(e.issued_at, e.code) < (:afterAt, :afterCode)" : "true"))
                .param("buyerId", buyerId)
                .param("fetch", page.fetchSize());
        if (page.after().isPresent()) {
            Cursor after = page.after().get();
            query = query.param("afterAt", after.at().atOffset(ZoneOffset.UTC)).param("afterCode", after.key());
        }
        return query.query(ETicketRepository::map).list();
    }

    static Cursor cursorOf(ETicket eTicket) {
        return new Cursor(eTicket.issuedAt(), eTicket.code());
    }

    private static ETicket map(ResultSet rs, int row) throws SQLException {
        return new ETicket(
                rs.getString("code"),
                rs.getObject("listing_id").toString(),
                rs.getString("title"),
                rs.getObject("order_id").toString(),
                rs.getObject("issued_at", OffsetDateTime.class).toInstant());
    }
}
