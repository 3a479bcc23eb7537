package dev.ticketing.tickets.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Http;
import dev.ticketing.tickets.TicketsServiceTest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The GET routes of docs/api.md's tickets table: public list, pagination, one listing, the seller's, buyer's lists. */
class ListingQueriesTest extends TicketsServiceTest {

    @Test
    void listShowsOnlyListingsWithUnitsAvailable() {
        User seller = newUser();
        String open = createListing(seller, body("title", "Open", "price", 10, "quantity", 3))
                .get("id")
                .asString();
        String partly = createListing(seller, body("title", "Partly", "price", 10, "quantity", 3))
                .get("id")
                .asString();
        String held = createListing(seller, body("title", "Held", "price", 10, "quantity", 2))
                .get("id")
                .asString();
        String gone = createListing(seller, body("title", "Gone", "price", 10, "quantity", 2))
                .get("id")
                .asString();
        setCounters(partly, 1, 1);
        setCounters(held, 2, 0);
        setCounters(gone, 1, 1);

        Http.Response response = http.get("/api/tickets", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response)).as("newest first").containsExactly(partly, open);
        assertThat(response.body().get(0).get("available").asInt()).isEqualTo(1);
        assertThat(response.body().get(0).has("reserved"))
                .as("counters are for the seller only")
                .isFalse();
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void listingByIdIncludesAPendingOrderHoldingUnits() {
        String id = createListing(newUser(), body("title", "Held", "price", 10, "quantity", 2))
                .get("id")
                .asString();
        String orderId = UUID.randomUUID().toString();
        setCounters(id, 1, 0);
        jdbc.sql("""
                        insert into reservations (order_id, listing_id, buyer_id, quantity, status, created_at, updated_at)
                        values (:orderId, :listingId, 'buyer', 1, 'HELD', now(), now())
                        """)
                .param("orderId", UUID.fromString(orderId))
                .param("listingId", UUID.fromString(id))
                .update();

        JsonNode listing = http.get("/api/tickets/" + id, null).body();

        assertThat(listing.get("orderId").asString()).isEqualTo(orderId);
        assertThat(listing.get("available").asInt()).isEqualTo(1);
    }

    @Test
    void unknownOrMalformedIdIs404() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid", "1-1-1-1-1", "%20"}) {
            Http.Response response = http.get("/api/tickets/" + id, null);
            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.errors()).containsExactly(Map.of("message", "Not Found"));
        }
    }

    @Test
    void unknownRouteAndUnsupportedMethodAnswerInTheContractShape() {
        Http.Response unknown = http.get("/api/tickets/" + UUID.randomUUID() + "/nothing", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errors()).containsExactly(Map.of("message", "Not Found"));

        Http.Response delete =
                http.delete("/api/tickets/" + UUID.randomUUID(), newUser().token());
        assertThat(delete.status())
                .as("docs/api.md: a method the route does not serve is no route")
                .isEqualTo(404);
        assertThat(delete.errors()).containsExactly(Map.of("message", "Not Found"));
    }

    @Test
    void paginationFollowsTheLinkHeaderThroughEveryListingOnce() {
        List<String> created = insertListings(7);

        List<String> seen = new ArrayList<>();
        String next = "/api/tickets?limit=3";
        int pages = 0;
        while (next != null) {
            Http.Response page = http.get(next, null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().size()).isLessThanOrEqualTo(3);
            seen.addAll(ids(page));
            next = nextLink(page);
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void aNewListingIsFirstOnTheFirstPage() {
        insertListings(60);
        String fresh = createListing(newUser(), body("title", "Just listed", "price", 10))
                .get("id")
                .asString();

        Http.Response first = http.get("/api/tickets", null);

        assertThat(ids(first).getFirst()).isEqualTo(fresh);
        assertThat(first.body().size()).isEqualTo(50);
        assertThat(nextLink(first)).isNotNull();
    }

    @Test
    void pagesStayStableWhileNewListingsArrive() {
        List<String> before = insertListings(7);

        List<String> seen = new ArrayList<>();
        List<String> arrived = new ArrayList<>();
        String next = "/api/tickets?limit=3";
        while (next != null) {
            Http.Response page = http.get(next, null);
            seen.addAll(ids(page));
            next = nextLink(page);
            // someone lists a ticket between every two page requests
            arrived.add(createListing(newUser(), body("title", "Arrived " + arrived.size(), "price", 10))
                    .get("id")
                    .asString());
        }

        assertThat(seen)
                .as("every listing that was there, once, in order; none of the later ones")
                .containsExactlyElementsOf(before.reversed());
        assertThat(ids(http.get("/api/tickets?limit=" + arrived.size(), null)))
                .as("the new ones are on the first page of a fresh request")
                .containsExactlyElementsOf(arrived.reversed());
    }

    @Test
    void defaultLimitIs50AndMaximumIs200() {
        insertListings(205);

        Http.Response first = http.get("/api/tickets", null);
        assertThat(first.body().size()).isEqualTo(50);
        assertThat(nextLink(first)).startsWith("/api/tickets?limit=50&cursor=");

        Http.Response max = http.get("/api/tickets?limit=200", null);
        assertThat(max.body().size()).isEqualTo(200);
        Http.Response rest = http.get(nextLink(max), null);
        assertThat(rest.body().size()).isEqualTo(5);
        assertThat(nextLink(rest)).isNull();
    }

    @Test
    void badLimitOrCursorIsABadRequest() {
        for (String limit : new String[] {"0", "-1", "201", "abc", "1.5"}) {
            Http.Response response = http.get("/api/tickets?limit=" + limit, null);
            assertThat(response.status()).as(limit).isEqualTo(400);
            assertThat(response.errors())
                    .singleElement()
                    .satisfies(e -> assertThat(e.get("field")).isEqualTo("limit"));
        }
        for (String cursor : new String[] {"garbage", "MTpub3QtYS1udW1iZXI6eA", "MToxMjM6bm90LWEtdXVpZA"}) {
            Http.Response response = http.get("/api/tickets?cursor=" + cursor, null);
            assertThat(response.status()).as(cursor).isEqualTo(400);
            assertThat(response.errors()).containsExactly(Map.of("message", "Invalid cursor", "field", "cursor"));
        }
    }

    @Test
    void mineRequiresAuthentication() {
        Http.Response response = http.get("/api/tickets/mine", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).containsExactly(Map.of("message", "Not authorized"));
    }

    @Test
    void mineListsOnlyTheCallersListingsWithReservedAndSoldCounts() {
        User seller = newUser();
        String soldOut = createListing(seller, body("title", "Sold out", "price", 10, "quantity", 2))
                .get("id")
                .asString();
        String partly = createListing(seller, body("title", "Partly", "price", 10, "quantity", 5))
                .get("id")
                .asString();
        createListing(newUser(), body("title", "Someone else's", "price", 10));
        setCounters(soldOut, 0, 2);
        setCounters(partly, 1, 2);

        Http.Response response = http.get("/api/tickets/mine", seller.token());

        assertThat(response.status()).isEqualTo(200);
        assertThat(ids(response)).as("newest first").containsExactly(partly, soldOut);
        JsonNode first = response.body().get(0);
        assertThat(first.get("reserved").asInt()).isEqualTo(1);
        assertThat(first.get("sold").asInt()).isEqualTo(2);
        assertThat(first.get("available").asInt()).isEqualTo(2);
        assertThat(first.get("userId").asString()).isEqualTo(seller.id());
        assertThat(response.body().get(1).get("available").asInt()).isZero();
    }

    @Test
    void minePaginatesNewestFirst() {
        User seller = newUser();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createListing(seller, body("title", "L" + i, "price", 10))
                    .get("id")
                    .asString());
        }
        Http.Response first = http.get("/api/tickets/mine?limit=2", seller.token());
        assertThat(ids(first)).containsExactly(created.get(2), created.get(1));
        Http.Response second = http.get(nextLink(first), seller.token());
        assertThat(ids(second)).containsExactly(created.get(0));
        assertThat(nextLink(second)).isNull();
    }

    @Test
    void purchasedRequiresAuthentication() {
        Http.Response response = http.get("/api/tickets/purchased", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).containsExactly(Map.of("message", "Not authorized"));
    }

    @Test
    void purchasedListsTheCallersValidETickets() {
        User buyer = newUser();
        String listing = createListing(newUser(), body("title", "Concert", "price", 10, "quantity", 3))
                .get("id")
                .asString();
        String orderId = UUID.randomUUID().toString();
        Instant issuedAt = Instant.parse("2026-11-20T12:00:00Z");
        insertETicket("code-valid", listing, orderId, buyer.id(), issuedAt, null);
        insertETicket("code-revoked", listing, orderId, buyer.id(), issuedAt.plusSeconds(1), issuedAt.plusSeconds(2));
        insertETicket("code-other-buyer", listing, UUID.randomUUID().toString(), "someone-else", issuedAt, null);

        Http.Response response = http.get("/api/tickets/purchased", buyer.token());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().size()).isEqualTo(1);
        JsonNode ticket = response.body().get(0);
        assertThat(ticket.get("code").asString()).isEqualTo("code-valid");
        assertThat(ticket.get("ticketId").asString()).isEqualTo(listing);
        assertThat(ticket.get("title").asString()).isEqualTo("Concert");
        assertThat(ticket.get("orderId").asString()).isEqualTo(orderId);
        assertThat(Instant.parse(ticket.get("issuedAt").asString())).isEqualTo(issuedAt);
        assertThat(http.get("/api/tickets/purchased", newUser().token()).body().size())
                .isZero();
    }

    @Test
    void purchasedIsNewestFirstAcrossPages() {
        User buyer = newUser();
        String listing = createListing(newUser(), body("title", "Concert", "price", 10, "quantity", 5))
                .get("id")
                .asString();
        Instant issuedAt = Instant.parse("2026-11-20T12:00:00Z");
        for (int i = 0; i < 5; i++) {
            insertETicket(
                    "code-" + i, listing, UUID.randomUUID().toString(), buyer.id(), issuedAt.plusSeconds(i), null);
        }

        List<String> codes = new ArrayList<>();
        String next = "/api/tickets/purchased?limit=2";
        while (next != null) {
            Http.Response page = http.get(next, buyer.token());
            page.body().valueStream().forEach(t -> codes.add(t.get("code").asString()));
            next = nextLink(page);
        }

        assertThat(codes).containsExactly("code-4", "code-3", "code-2", "code-1", "code-0");
    }

    // --- helpers

    /** Listings straight into the table, one microsecond apart, returning their ids in creation order. */
    private List<String> insertListings(int count) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into listings (id, seller_id, title, price, quantity, created_at, updated_at)
                            values (:id, 'seller', :title, 10, 1, :at, :at)
                            """)
                    .param("id", id)
                    .param("title", "Listing " + i)
                    .param("at", base.plus(i, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                    .update();
            ids.add(id.toString());
        }
        return ids;
    }

    private void insertETicket(
            String code, String listingId, String orderId, String buyerId, Instant issuedAt, Instant revokedAt) {
        jdbc.sql("""
                        insert into e_tickets (code, listing_id, order_id, buyer_id, issued_at, revoked_at)
                        values (:code, :listingId, :orderId, :buyerId, :issuedAt, :revokedAt)
                        """)
                .param("code", code)
                .param("listingId", UUID.fromString(listingId))
                .param("orderId", UUID.fromString(orderId))
                .param("buyerId", buyerId)
                .param("issuedAt", issuedAt.atOffset(ZoneOffset.UTC))
                .param(
                        "revokedAt",
                        revokedAt == null ? null : revokedAt.atOffset(ZoneOffset.UTC),
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }
}
