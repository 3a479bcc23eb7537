package dev.ticketing.web.ui.etickets;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.api.Page;
import dev.ticketing.web.ui.session.Session;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The buyer's e-tickets from the tickets API, with their QR codes. */
@Component
public class ETickets {

    static final int PAGE_SIZE = 24;
    /** An order's e-tickets are looked for page by page (newest first, so usually on the first); this many at most. */
    private static final int MAX_PAGES = 5;

    private final Api api;

    ETickets(Api api) {
        this.api = api;
    }

    Page<ETicketView> mine(Session session, String cursor) {
        Page<ETicket> page = api.page(
                session,
                Api.Service.TICKETS,
                Api.uri("/api/tickets/purchased", "limit", Integer.toString(PAGE_SIZE), "cursor", cursor),
                ETicket[].class);
        return new Page<>(page.items().stream().map(ETicketView::of).toList(), page.nextCursor());
    }

    /** The e-tickets of one of the buyer's orders. */
    public List<ETicketView> ofOrder(Session session, String orderId, int expected) {
        var found = new ArrayList<ETicketView>();
        String cursor = null;
        for (int i = 0; i < MAX_PAGES && found.size() < expected; i++) {
            Page<ETicket> page = api.page(
                    session,
                    Api.Service.TICKETS,
                    Api.uri("/api/tickets/purchased", "limit", "200", "cursor", cursor),
                    ETicket[].class);
            page.items().stream()
                    .filter(t -> orderId.equals(t.orderId()))
                    .map(ETicketView::of)
                    .forEach(found::add);
            if (page.nextCursor().isEmpty()) {
                break;
            }
            cursor = page.nextCursor().get();
        }
        return found;
    }
}
