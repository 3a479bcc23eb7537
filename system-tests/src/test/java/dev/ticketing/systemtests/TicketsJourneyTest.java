package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Every row of docs/api.md's tickets table that does not need orders, through the public origin. */
@ExtendWith(StackExtension.class)
class TicketsJourneyTest {

    private final String url = Stack.get().url();

    private Http signedUp() {
        var http = new Http(url);
        var response =
                http.post("/api/users/signup", Map.of("email", AuthJourneyTest.uniqueEmail(), "password", "password1"));
        assertThat(response.status()).isEqualTo(201);
        return http;
    }

    private static Map<String, Object> listing(String title, Object price) {
        var body = new HashMap<String, Object>();
        body.put("title", title);
        body.put("price", price);
        return body;
    }

    @Test
    void authenticationIsCheckedBeforeValidation() {
        var anonymous = new Http(url);
        var response = anonymous.post("/api/tickets", Map.of("title", "", "price", -10));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorMessages()).containsExactly("Not authorized");
    }

    @Test
    void aSellerListsATicketAndEveryoneCanSeeIt() {
        var seller = signedUp();
        var body = listing("concert", 20);
        body.put("description", "front row");
        body.put("quantity", 3);
        var created = seller.post("/api/tickets", body);

        assertThat(created.status()).isEqualTo(201);
        JsonNode ticket = created.json();
        assertThat(ticket.get("title").asString()).isEqualTo("concert");
        assertThat(ticket.get("price").decimalValue()).isEqualByComparingTo("20");
        assertThat(ticket.get("quantity").asInt()).isEqualTo(3);
        assertThat(ticket.get("available").asInt()).isEqualTo(3);
        assertThat(ticket.get("version").asLong()).isZero();
        assertThat(ticket.get("orderId").isNull()).isTrue();
        String id = ticket.get("id").asString();
        String sellerId = seller.get("/api/users/currentuser")
                .json()
                .get("currentUser")
                .get("id")
                .asString();
        assertThat(ticket.get("userId").asString()).isEqualTo(sellerId);

        var shown = new Http(url).get("/api/tickets/" + id);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("title").asString()).isEqualTo("concert");
        assertThat(shown.json().get("description").asString()).isEqualTo("front row");

        var all = new Http(url).get("/api/tickets?limit=200");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().valueStream().map(t -> t.get("id").asString())).contains(id);

        var mine = seller.get("/api/tickets/mine");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().valueStream().filter(t -> t.get("id").asString().equals(id)))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.get("reserved").asInt()).isZero();
                    assertThat(t.get("sold").asInt()).isZero();
                });
    }

    @Test
    void listingsAreValidatedWithTheContractMessages() {
        var seller = signedUp();
        var noTitle = seller.post("/api/tickets", listing("", 10));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.errorMessages()).containsExactly("Title is required");
        assertThat(noTitle.errorFields()).containsExactly("title");

        var negativePrice = seller.post("/api/tickets", listing("concert", -10));
        assertThat(negativePrice.status()).isEqualTo(400);
        assertThat(negativePrice.errorMessages()).containsExactly("Price must be greater than 0");

        var missingPrice = seller.post("/api/tickets", Map.of("title", "concert"));
        assertThat(missingPrice.status()).isEqualTo(400);
        assertThat(missingPrice.errorFields()).containsExactly("price");

        assertThat(seller.post("/api/tickets", listing("concert", 1.005)).status())
                .isEqualTo(400);
        assertThat(seller.post("/api/tickets", listing("concert", 1_000_000.01)).status())
                .isEqualTo(400);
        assertThat(seller.post("/api/tickets", listing("x".repeat(201), 10)).status())
                .isEqualTo(400);

        var zeroQuantity = listing("concert", 10);
        zeroQuantity.put("quantity", 0);
        assertThat(seller.post("/api/tickets", zeroQuantity).status()).isEqualTo(400);
        var tooMany = listing("concert", 10);
        tooMany.put("quantity", 10_001);
        assertThat(seller.post("/api/tickets", tooMany).status()).isEqualTo(400);
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        var unknown = new Http(url).get("/api/tickets/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorMessages()).containsExactly("Not Found");
        var malformed = new Http(url).get("/api/tickets/not-an-id");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.errorMessages()).containsExactly("Not Found");
    }

    @Test
    void onlyTheSellerEditsAListingAndEachEditBumpsTheVersion() {
        var seller = signedUp();
        String id = seller.post("/api/tickets", listing("concert", 20))
                .json()
                .get("id")
                .asString();

        assertThat(new Http(url)
                        .put("/api/tickets/" + id, listing("mine now", 1))
                        .status())
                .isEqualTo(401);
        var stranger = signedUp().put("/api/tickets/" + id, listing("mine now", 1));
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.errorMessages()).containsExactly("Not authorized");

        assertThat(seller.put("/api/tickets/" + id, listing("", 20)).status()).isEqualTo(400);
        assertThat(seller.put("/api/tickets/" + id, listing("concert", -10)).status())
                .isEqualTo(400);
        assertThat(seller.put("/api/tickets/" + UUID.randomUUID(), listing("concert", 20))
                        .status())
                .isEqualTo(404);

        var updated = seller.put("/api/tickets/" + id, listing("new title", 100));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(1);
        var shown = new Http(url).get("/api/tickets/" + id).json();
        assertThat(shown.get("title").asString()).isEqualTo("new title");
        assertThat(shown.get("price").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void protectedRoutesNeedAUser() {
        var anonymous = new Http(url);
        assertThat(anonymous.get("/api/tickets/mine").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/tickets/purchased").status()).isEqualTo(401);
        var buyer = signedUp();
        var purchased = buyer.get("/api/tickets/purchased");
        assertThat(purchased.status()).isEqualTo(200);
        assertThat(purchased.json().isArray()).isTrue();
    }

    @Test
    void listingsArePaginatedWithALinkToTheNextPage() {
        var seller = signedUp();
        for (int i = 0; i < 3; i++) {
            assertThat(seller.post("/api/tickets", listing("page " + i, 5)).status())
                    .isEqualTo(201);
        }
        var page = new Http(url).get("/api/tickets?limit=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().size()).isEqualTo(2);
        String link = page.header("Link").orElseThrow();
        assertThat(link).contains("rel=\"next\"");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        String nextPath = next.startsWith("http") ? next.substring(next.indexOf("/api/")) : next;
        var second = new Http(url).get(nextPath);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().valueStream().map(t -> t.get("id").asString()))
                .doesNotContainAnyElementsOf(page.json()
                        .valueStream()
                        .map(t -> t.get("id").asString())
                        .toList());
    }
}
