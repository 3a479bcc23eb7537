package dev.ticketing.web.ui.listings;

import dev.ticketing.web.ui.api.Api;
import dev.ticketing.web.ui.api.ApiFailure;
import dev.ticketing.web.ui.api.Page;
import dev.ticketing.web.ui.session.Session;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** The tickets and payments API calls of the listing pages. */
@Component
class Catalog {

    static final int PAGE_SIZE = 24;
    /** A seller's listings are searched page by page for one of them; this many pages at most. */
    private static final int MAX_OWN_PAGES = 10;

    private final Api api;

    Catalog(Api api) {
        this.api = api;
    }

    Page<Listing> available(Session session, String q, String cursor) {
        return api.pagePublic(
                session,
                Api.Service.TICKETS,
                Api.uri("/api/tickets", "q", q, "limit", Integer.toString(PAGE_SIZE), "cursor", cursor),
                Listing[].class);
    }

    Listing listing(Session session, String id) {
        return api.getPublic(session, Api.Service.TICKETS, "/api/tickets/" + Api.id(id), Listing.class);
    }

    /**
     * Units available now for each listing shown on a page: the page asked again (one call), and any listing no
     * longer on it (sold out, or pushed to the next page by newer ones) asked by id.
     */
    Map<String, Integer> availability(Session session, Collection<String> ids, String q, String cursor) {
        var available = new LinkedHashMap<String, Integer>();
        for (Listing listing : available(session, q, cursor).items()) {
            if (ids.contains(listing.id())) {
                available.put(listing.id(), listing.available());
            }
        }
        for (String id : ids) {
            if (!available.containsKey(id)) {
                try {
                    available.put(id, listing(session, id).available());
                } catch (ApiFailure gone) {
                    if (!gone.notFoundOrNotYours()) {
                        throw gone;
                    }
                }
            }
        }
        return available;
    }

    /** The seller's own view of a listing (reserved and sold), if it is theirs. */
    Optional<OwnListing> own(Session session, String id) {
        String cursor = null;
        for (int i = 0; i < MAX_OWN_PAGES; i++) {
            Page<OwnListing> page = api.page(
                    session,
                    Api.Service.TICKETS,
                    Api.uri("/api/tickets/mine", "limit", "200", "cursor", cursor),
                    OwnListing[].class);
            Optional<OwnListing> found =
                    page.items().stream().filter(l -> l.id().equals(id)).findFirst();
            if (found.isPresent() || page.nextCursor().isEmpty()) {
                return found;
            }
            cursor = page.nextCursor().get();
        }
        return Optional.empty();
    }

    Page<OwnListing> mine(Session session, String cursor) {
        return api.page(
                session,
                Api.Service.TICKETS,
                Api.uri("/api/tickets/mine", "limit", "50", "cursor", cursor),
                OwnListing[].class);
    }

    Earnings earnings(Session session) {
        return api.get(session, Api.Service.PAYMENTS, "/api/payments/earnings", Earnings.class);
    }

    String create(Session session, ListingForm form) {
        return api.send(
                        session,
                        HttpMethod.POST,
                        Api.Service.TICKETS,
                        "/api/tickets",
                        form.body(),
                        Map.of(),
                        Listing.class)
                .id();
    }

    void update(Session session, String id, ListingForm form) {
        api.send(
                session,
                HttpMethod.PUT,
                Api.Service.TICKETS,
                "/api/tickets/" + Api.id(id),
                form.body(),
                Map.of(),
                Listing.class);
    }
}
