package dev.ticketing.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.orders.OrdersServiceTest;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.TestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** docs/api.md's orders table with fault injection disabled: every route, every error, events and the timeline. */
class OrderApiTest extends OrdersServiceTest {

    // --- POST /api/orders

    @Test
    void createReturns201WithTheOrderAndPublishesOrderCreated() {
        User seller = newUser();
        User buyer = newUser();
        String listing = listing(seller, "12.50", 5);
        Instant before = Instant.now();

        JsonNode order = order(buyer, listing, 2);

        String id = order.get("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(order.get("userId").asString()).isEqualTo(buyer.id());
        assertThat(order.get("status").asString()).isEqualTo("created");
        assertThat(order.get("outcome").isNull()).isTrue();
        assertThat(order.get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("unitPrice").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(order.get("version").asLong()).isZero();
        assertThat(order.get("ticket").get("id").asString()).isEqualTo(listing);
        assertThat(order.get("ticket").get("title").asString()).isEqualTo("Concert");
        assertThat(order.get("ticket").get("price").decimalValue()).isEqualByComparingTo("12.50");
        Instant createdAt = Instant.parse(order.get("createdAt").asString());
        Instant expiresAt = Instant.parse(order.get("expiresAt").asString());
        assertThat(createdAt).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(Duration.between(createdAt, expiresAt)).isEqualTo(Duration.ofMinutes(15));
        assertThat(counters(listing)).containsExactly(2, 0);
        assertThat(http.get("/api/orders/" + id, buyer.token()).body()).isEqualTo(order);

        await(
                "ORDER.created published",
                () -> !broker.orderEvents(id, "ORDER.created").isEmpty());
        TestBroker.StoredMessage created =
                broker.orderEvents(id, "ORDER.created").getFirst();
        assertThat(created.envelope().get("aggregateVersion").asLong()).isZero();
        JsonNode data = created.data();
        assertThat(data.get("id").asString()).isEqualTo(id);
        assertThat(data.get("version").asLong()).isZero();
        assertThat(data.get("userId").asString()).isEqualTo(buyer.id());
        assertThat(data.get("status").asString()).isEqualTo("created");
        assertThat(Instant.parse(data.get("expiresAt").asString())).isEqualTo(expiresAt);
        assertThat(data.get("quantity").asInt()).isEqualTo(2);
        assertThat(data.get("unitPrice").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(data.get("ticket").get("id").asString()).isEqualTo(listing);
        assertThat(data.get("ticket").get("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(data.get("ticket").get("sellerId").asString()).isEqualTo(seller.id());
        assertThat(created.header("fault-injection")).isNull();
    }

    @Test
    void quantityDefaultsToOne() {
        String listing = listing(newUser(), "10", 3);
        Http.Response response = http.post("/api/orders", newUser().token(), body("ticketId", listing));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("quantity").asInt()).isEqualTo(1);
        assertThat(response.body().get("total").decimalValue()).isEqualByComparingTo("10.00");
    }

    @Test
    void createRequiresAuthenticationBeforeValidation() {
        String listing = listing(newUser(), "10", 1);
        for (String token : new String[] {null, "not-a-token"}) {
            Http.Response response = http.post("/api/orders", token, body("ticketId", listing));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errors()).containsExactly(Map.of("message", "Not authorized"));
        }
        assertThat(http.post("/api/orders", null, "{not json").status()).isEqualTo(401);
        assertThat(http.post("/api/orders", null, body("ticketId", "")).status())
                .isEqualTo(401);
        assertThat(count("select count(*) from orders")).isZero();
    }

    @Test
    void ticketIdMustBeProvided() {
        User buyer = newUser();
        for (Map<String, Object> body :
                List.of(body(), body("ticketId", ""), body("ticketId", "  "), body("ticketId", null))) {
            Http.Response response = http.post("/api/orders", buyer.token(), body);
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.errors())
                    .containsExactly(Map.of("message", "TicketId must be provided", "field", "ticketId"));
        }
    }

    @Test
    void quantityMustBeAnIntegerFrom1To100() {
        User buyer = newUser();
        String listing = listing(newUser(), "1", 200);
        for (Object quantity : new Object[] {0, -1, 101, 1.5, "many", true}) {
            Http.Response response =
                    http.post("/api/orders", buyer.token(), body("ticketId", listing, "quantity", quantity));
            assertThat(response.status()).as("quantity %s", quantity).isEqualTo(400);
            assertThat(response.errors())
                    .containsExactly(
                            Map.of("message", "Quantity must be an integer between 1 and 100", "field", "quantity"));
        }
        assertThat(order(buyer, listing, 100).get("quantity").asInt()).isEqualTo(100);
        assertThat(count("select count(*) from orders")).isEqualTo(1);
    }

    @Test
    void malformedJsonIs400() {
        Http.Response response = http.post("/api/orders", newUser().token(), "{not json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors")).isNotEmpty();
    }

    @Test
    void unknownOrMalformedListingIs404() {
        User buyer = newUser();
        for (String ticketId : new String[] {UUID.randomUUID().toString(), "not-a-uuid", "1-1-1-1-1"}) {
            Http.Response response = http.post("/api/orders", buyer.token(), body("ticketId", ticketId));
            assertThat(response.status()).as(ticketId).isEqualTo(404);
            assertThat(response.errors()).containsExactly(Map.of("message", "Not Found"));
        }
    }

    @Test
    void aSellerCannotBuyTheirOwnTicket() {
        User seller = newUser();
        String listing = listing(seller, "10", 5);
        Http.Response response = http.post("/api/orders", seller.token(), body("ticketId", listing));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors()).containsExactly(Map.of("message", "You cannot buy your own ticket"));
        assertThat(counters(listing)).containsExactly(0, 0);
    }

    @Test
    void notEnoughUnitsIsAlreadyReserved() {
        String listing = listing(newUser(), "10", 5);
        order(newUser(), listing, 3);
        Http.Response response = http.post("/api/orders", newUser().token(), body("ticketId", listing, "quantity", 3));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors()).containsExactly(Map.of("message", "Ticket is already reserved"));
        order(newUser(), listing, 2);
        assertThat(counters(listing)).containsExactly(5, 0);
    }

    @Test
    void theEleventhUnpaidOrderIsRefusedUntilOneIsCancelled() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 50);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(order(buyer, listing, 1).get("id").asString());
        }
        Http.Response eleventh = http.post("/api/orders", buyer.token(), body("ticketId", listing));
        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.errors()).containsExactly(Map.of("message", "Too many unpaid orders"));
        assertThat(http.post("/api/orders", newUser().token(), body("ticketId", listing))
                        .status())
                .isEqualTo(201);

        assertThat(http.delete("/api/orders/" + ids.getFirst(), buyer.token()).status())
                .isEqualTo(204);
        assertThat(http.post("/api/orders", buyer.token(), body("ticketId", listing))
                        .status())
                .isEqualTo(201);
    }

    // --- Idempotency-Key

    @Test
    void theSameKeyAndBodyReplayTheFirstResponse() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 5);
        Map<String, String> key = Map.of("Idempotency-Key", "key-1");
        Http.Response first = http.post("/api/orders", buyer.token(), body("ticketId", listing, "quantity", 2), key);
        Http.Response again = http.post("/api/orders", buyer.token(), body("ticketId", listing, "quantity", 2), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(count("select count(*) from orders")).isEqualTo(1);
        assertThat(counters(listing)).containsExactly(2, 0);
        // the key is the buyer's own: another buyer's identical key is another request
        assertThat(http.post("/api/orders", newUser().token(), body("ticketId", listing, "quantity", 2), key)
                        .body()
                        .get("id"))
                .isNotEqualTo(first.body().get("id"));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 5);
        Map<String, String> key = Map.of("Idempotency-Key", "key-2");
        assertThat(http.post("/api/orders", buyer.token(), body("ticketId", listing), key)
                        .status())
                .isEqualTo(201);

        Http.Response other = http.post("/api/orders", buyer.token(), body("ticketId", listing, "quantity", 3), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.errors())
                .containsExactly(Map.of("message", "Idempotency-Key was already used with a different request"));
        assertThat(count("select count(*) from orders")).isEqualTo(1);
    }

    @Test
    void anOverlongIdempotencyKeyIs400() {
        String listing = listing(newUser(), "10", 5);
        Http.Response response = http.post(
                "/api/orders",
                newUser().token(),
                body("ticketId", listing),
                Map.of("Idempotency-Key", "k".repeat(256)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors())
                .containsExactly(
                        Map.of("message", "Idempotency-Key must be 1 to 255 characters", "field", "Idempotency-Key"));
        assertThat(count("select count(*) from orders")).isZero();
        // the longest key there is still counts
        assertThat(http.post(
                                "/api/orders",
                                newUser().token(),
                                body("ticketId", listing),
                                Map.of("Idempotency-Key", "k".repeat(255)))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theFaultHeaderIsIgnoredWhenFaultsAreDisabled() {
        String listing = listing(newUser(), "10", 5);
        for (String header : new String[] {"create=fail", "create=timeout", "garbage"}) {
            Http.Response response = http.post(
                    "/api/orders", newUser().token(), body("ticketId", listing), Map.of("X-Fault-Injection", header));
            assertThat(response.status()).as(header).isEqualTo(201);
            String id = response.body().get("id").asString();
            await(
                    "ORDER.created of " + id,
                    () -> !broker.orderEvents(id, "ORDER.created").isEmpty());
            assertThat(broker.orderEvents(id).getFirst().header("fault-injection"))
                    .isNull();
        }
        assertThat(count("select count(*) from messaging_fault_plans")).isZero();
    }

    // --- GET /api/orders

    @Test
    void listShowsTheCallersOrdersNewestFirstWithTheirTicket() {
        User buyer = newUser();
        String first = listing(newUser(), "10", 5);
        String second = listing(newUser(), "20", 5);
        String a = order(buyer, first, 1).get("id").asString();
        String b = order(buyer, second, 2).get("id").asString();
        order(newUser(), first, 1);

        Http.Response response = http.get("/api/orders", buyer.token());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()
                        .valueStream()
                        .map(o -> o.get("id").asString())
                        .toList())
                .containsExactly(b, a);
        JsonNode newest = response.body().get(0);
        assertThat(newest.get("ticket").get("id").asString()).isEqualTo(second);
        assertThat(newest.get("ticket").get("price").decimalValue()).isEqualByComparingTo("20");
        assertThat(newest.get("total").decimalValue()).isEqualByComparingTo("40");
        assertThat(response.header("Link")).isNull();
        assertThat(http.get("/api/orders", newUser().token()).body()).isEmpty();
        assertThat(http.get("/api/orders", null).status()).isEqualTo(401);
    }

    @Test
    void listIsPaginatedWithACursorAndALinkHeader() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 10);
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, order(buyer, listing, 1).get("id").asString());
        }
        List<String> seen = new java.util.ArrayList<>();
        String path = "/api/orders?limit=2";
        int pages = 0;
        while (path != null) {
            Http.Response page = http.get(path, buyer.token());
            assertThat(page.status()).isEqualTo(200);
            page.body().valueStream().forEach(o -> seen.add(o.get("id").asString()));
            String link = page.header("Link");
            path = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            if (link != null) {
                assertThat(link).endsWith("; rel=\"next\"").startsWith("</api/orders?limit=2&cursor=");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);

        Http.Response badLimit = http.get("/api/orders?limit=201", buyer.token());
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.errors())
                .containsExactly(Map.of("message", "limit must be between 1 and 200", "field", "limit"));
        Http.Response badCursor = http.get("/api/orders?cursor=nonsense", buyer.token());
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.errors()).containsExactly(Map.of("message", "Invalid cursor", "field", "cursor"));
    }

    // --- GET /api/orders/{id} and /timeline

    @Test
    void showFollowsTheAuthorizationRules() {
        User buyer = newUser();
        String id = order(buyer, listing(newUser(), "10", 1), 1).get("id").asString();
        for (String suffix : new String[] {"", "/timeline"}) {
            assertThat(http.get("/api/orders/" + id + suffix, buyer.token()).status())
                    .isEqualTo(200);
            assertThat(http.get("/api/orders/" + id + suffix, null).status()).isEqualTo(401);
            Http.Response other =
                    http.get("/api/orders/" + id + suffix, newUser().token());
            assertThat(other.status()).isEqualTo(401);
            assertThat(other.errors()).containsExactly(Map.of("message", "Not authorized"));
            assertThat(http.get("/api/orders/" + UUID.randomUUID() + suffix, buyer.token())
                            .status())
                    .isEqualTo(404);
            Http.Response malformed = http.get("/api/orders/not-an-id" + suffix, buyer.token());
            assertThat(malformed.status()).isEqualTo(404);
            assertThat(malformed.errors()).containsExactly(Map.of("message", "Not Found"));
        }
    }

    @Test
    void timelineListsTheStepsOldestFirst() {
        User buyer = newUser();
        String id = order(buyer, listing(newUser(), "10", 1), 1).get("id").asString();
        assertThat(http.delete("/api/orders/" + id, buyer.token()).status()).isEqualTo(204);

        JsonNode timeline =
                http.get("/api/orders/" + id + "/timeline", buyer.token()).body();
        assertThat(timeline).hasSize(2);
        assertThat(timeline.get(0).get("step").asString()).isEqualTo("create");
        assertThat(timeline.get(0).get("service").asString()).isEqualTo("orders");
        assertThat(timeline.get(0).get("detail").asString()).contains("order created");
        assertThat(timeline.get(1).get("step").asString()).isEqualTo("cancel");
        assertThat(timeline.get(1).get("detail").asString())
                .contains("cancelled by the buyer")
                .contains("CANCELLED");
        assertThat(Instant.parse(timeline.get(0).get("at").asString()))
                .isBeforeOrEqualTo(Instant.parse(timeline.get(1).get("at").asString()));
    }

    // --- DELETE /api/orders/{id}

    @Test
    void cancelCancelsReleasesTheUnitsAndPublishesOrderCancelledOnce() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 3);
        String id = order(buyer, listing, 2).get("id").asString();

        assertThat(http.delete("/api/orders/" + id, buyer.token()).status()).isEqualTo(204);
        JsonNode order = http.get("/api/orders/" + id, buyer.token()).body();
        assertThat(order.get("status").asString()).isEqualTo("cancelled");
        assertThat(order.get("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(order.get("version").asLong()).isEqualTo(1);
        assertThat(counters(listing)).containsExactly(0, 0);

        await(
                "ORDER.cancelled",
                () -> !broker.orderEvents(id, "ORDER.cancelled").isEmpty());
        JsonNode data = broker.orderEvents(id, "ORDER.cancelled").getFirst().data();
        assertThat(data.get("id").asString()).isEqualTo(id);
        assertThat(data.get("version").asLong()).isEqualTo(1);
        assertThat(data.get("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(data.get("ticket").get("id").asString()).isEqualTo(listing);
        assertThat(data.get("quantity").asInt()).isEqualTo(2);

        // cancelling again: 204, nothing new
        assertThat(http.delete("/api/orders/" + id, buyer.token()).status()).isEqualTo(204);
        assertThat(count(
                        "select count(*) from messaging_outbox where headers->>'event-type' = 'ORDER.cancelled' and aggregate_id = '"
                                + id + "'"))
                .isEqualTo(1);
        assertThat(counters(listing)).containsExactly(0, 0);
        assertThat(http.get("/api/orders/" + id, buyer.token())
                        .body()
                        .get("version")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void cancelFollowsTheAuthorizationRules() {
        User buyer = newUser();
        String id = order(buyer, listing(newUser(), "10", 1), 1).get("id").asString();
        assertThat(http.delete("/api/orders/" + id, null).status()).isEqualTo(401);
        assertThat(http.delete("/api/orders/" + id, newUser().token()).status()).isEqualTo(401);
        assertThat(http.delete("/api/orders/" + UUID.randomUUID(), buyer.token())
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/orders/nope", buyer.token()).status()).isEqualTo(404);
        assertThat(status(id)).isEqualTo("created");
    }

    @Test
    void aPaidOrCompletedOrderCannotBeCancelled() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 2);
        String id = order(buyer, listing, 1).get("id").asString();
        broker.paymentCreated(UUID.randomUUID().toString(), id, "10");
        awaitStatus(id, "paid");

        Http.Response paid = http.delete("/api/orders/" + id, buyer.token());
        assertThat(paid.status()).isEqualTo(400);
        assertThat(paid.errors()).containsExactly(Map.of("message", "Cannot cancel a paid order"));
        assertThat(status(id)).isEqualTo("paid");

        broker.delivered(id, listing, 1);
        awaitStatus(id, "complete");
        assertThat(http.delete("/api/orders/" + id, buyer.token()).errors())
                .containsExactly(Map.of("message", "Cannot cancel a paid order"));
        assertThat(broker.orderEvents(id, "ORDER.cancelled")).isEmpty();
        assertThat(count(
                        "select count(*) from messaging_outbox where headers->>'event-type' = 'ORDER.cancelled' and aggregate_id = '"
                                + id + "'"))
                .isZero();
    }

    // --- operations

    @Test
    void probesMetricsAndOpenApiAreExposed() {
        for (String probe : new String[] {"liveness", "readiness"}) {
            assertThat(http.get("/actuator/health/" + probe, null).status())
                    .as(probe)
                    .isEqualTo(200);
        }
        order(newUser(), listing(newUser(), "10", 1), 1);
        Http.Response metrics = http.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw())
                .contains("ticketing_orders_placed_total")
                .contains("ticketing_orders_finished_total{outcome=\"SUCCESS\"}");
        Http.Response docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").propertyNames())
                .contains("/api/orders", "/api/orders/{id}", "/api/orders/{id}/timeline");
    }
}
