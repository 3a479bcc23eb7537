package dev.ticketing.tickets.listing;

import static dev.ticketing.contracts.Stream.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.platform.test.ClassInfrastructure;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.TestBroker;
import dev.ticketing.platform.test.TestBroker.StoredMessage;
import dev.ticketing.tickets.TicketsServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST and PUT of docs/api.md's tickets table: every success, every error, the events and concurrent edits. */
class ListingCommandsTest extends TicketsServiceTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

    private TestBroker stream;

    @BeforeEach
    void openStream(ClassInfrastructure infra) {
        stream = new TestBroker(infra.nats().url());
    }

    @AfterEach
    void closeStream() throws InterruptedException {
        stream.close();
    }

    // --- POST /api/tickets

    @Test
    void createReturns201WithVersion0AndTheListing() {
        User seller = newUser();
        Http.Response response = http.post("/api/tickets", seller.token(), validListing());

        assertThat(response.status()).isEqualTo(201);
        JsonNode listing = response.body();
        assertThat(UUID.fromString(listing.get("id").asString())).isNotNull();
        assertThat(listing.get("title").asString()).isEqualTo("Concert");
        assertThat(listing.get("description").asString()).isEqualTo("Front row");
        assertThat(listing.get("price").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(listing.get("quantity").asInt()).isEqualTo(4);
        assertThat(listing.get("available").asInt()).isEqualTo(4);
        assertThat(listing.get("userId").asString()).isEqualTo(seller.id());
        assertThat(listing.get("version").asLong()).isZero();
        assertThat(listing.get("orderId").isNull()).isTrue();
        assertThat(http.get("/api/tickets/" + listing.get("id").asString(), null)
                        .body())
                .isEqualTo(listing);
    }

    @Test
    void createDefaultsQuantityToOneAndDescriptionIsOptional() {
        JsonNode listing = createListing(newUser(), body("title", "Play", "price", 10.5));
        assertThat(listing.get("quantity").asInt()).isEqualTo(1);
        assertThat(listing.get("description").isNull()).isTrue();
        assertThat(listing.get("price").decimalValue()).isEqualByComparingTo("10.50");
        Http.Response raw = http.get("/api/tickets/" + listing.get("id").asString(), null);
        assertThat(raw.raw()).contains("\"price\":10.50");
    }

    @Test
    void createPublishesTicketCreatedThroughTheOutbox() {
        User seller = newUser();
        JsonNode listing = createListing(seller, body("title", "Opera", "price", "99.99", "quantity", 3));
        String id = listing.get("id").asString();

        assertThat(jdbc.sql(
                                "select count(*) from messaging_outbox where subject = 'TICKET.created.' || :id and aggregate_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        List<StoredMessage> events = stream.await(
                TICKETS, e -> e.envelope().get("aggregateId").asString().equals(id), 1, EVENT_TIMEOUT);
        assertThat(events).hasSize(1);
        StoredMessage event = events.getFirst();
        assertThat(event.subject()).as("keyed by the listing").isEqualTo("TICKET.created." + id);
        assertThat(event.envelope().get("aggregateVersion").asLong()).isZero();
        assertThat(event.data().get("id").asString()).isEqualTo(id);
        assertThat(event.data().get("version").asLong()).isZero();
        assertThat(event.data().get("title").asString()).isEqualTo("Opera");
        assertThat(event.data().get("price").decimalValue()).isEqualByComparingTo("99.99");
        assertThat(event.data().get("quantity").asInt()).isEqualTo(3);
        assertThat(event.data().get("userId").asString()).isEqualTo(seller.id());
    }

    @Test
    void createRequiresAuthenticationBeforeValidation() {
        assertThat(http.post("/api/tickets", null, validListing()).errors())
                .containsExactly(Map.of("message", "Not authorized"));
        Http.Response invalid = http.post("/api/tickets", null, body("title", "", "price", -1));
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.errors()).containsExactly(Map.of("message", "Not authorized"));
        assertThat(http.post("/api/tickets", null, "{not json").status()).isEqualTo(401);
        assertThat(http.post("/api/tickets", "not-a-token", validListing()).status())
                .isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from listings").query(Long.class).single())
                .isZero();
    }

    @Test
    void titleIsRequiredAndAtMost200Characters() {
        User seller = newUser();
        for (Object title : new Object[] {null, "", "   ", "x".repeat(201)}) {
            Map<String, Object> body = body("title", title, "price", 10);
            assertValidationError(http.post("/api/tickets", seller.token(), body), "title", "Title is required");
        }
        assertThat(http.post("/api/tickets", seller.token(), body("title", "x".repeat(200), "price", 10))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void priceMustBePositiveAtMostAMillionWithAtMostTwoDecimals() {
        User seller = newUser();
        for (Object price :
                new Object[] {null, 0, -1, "0.00", "10.123", "0.001", "1000000.01", 2_000_000, "abc", true}) {
            Map<String, Object> body = body("title", "Concert", "price", price);
            assertValidationError(
                    http.post("/api/tickets", seller.token(), body), "price", "Price must be greater than 0");
        }
        for (Object price : new Object[] {"0.01", 1_000_000, "12.30"}) {
            assertThat(http.post("/api/tickets", seller.token(), body("title", "Concert", "price", price))
                            .status())
                    .as("price %s", price)
                    .isEqualTo(201);
        }
    }

    @Test
    void quantityIsAnIntegerFromOneTo10000() {
        User seller = newUser();
        for (Object quantity : new Object[] {0, -1, 10_001, 1.5, "many"}) {
            Map<String, Object> body = body("title", "Concert", "price", 10, "quantity", quantity);
            assertValidationError(
                    http.post("/api/tickets", seller.token(), body),
                    "quantity",
                    "Quantity must be an integer between 1 and 10000");
        }
        assertThat(createListing(seller, body("title", "Concert", "price", 10, "quantity", 10_000))
                        .get("quantity")
                        .asInt())
                .isEqualTo(10_000);
    }

    @Test
    void descriptionIsAtMost2000Characters() {
        User seller = newUser();
        assertValidationError(
                http.post(
                        "/api/tickets",
                        seller.token(),
                        body("title", "Concert", "price", 10, "description", "d".repeat(2001))),
                "description",
                "Description must be at most 2000 characters");
        assertThat(createListing(seller, body("title", "Concert", "price", 10, "description", "d".repeat(2000)))
                        .get("description")
                        .asString())
                .hasSize(2000);
    }

    @Test
    void everyFailingFieldIsReportedOnce() {
        Http.Response response =
                http.post("/api/tickets", newUser().token(), body("title", "", "price", "-0.001", "quantity", 0));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors())
                .containsExactlyInAnyOrder(
                        Map.of("message", "Title is required", "field", "title"),
                        Map.of("message", "Price must be greater than 0", "field", "price"),
                        Map.of("message", "Quantity must be an integer between 1 and 10000", "field", "quantity"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        Http.Response response = http.post("/api/tickets", newUser().token(), "{\"title\": \"Concert\", ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors()).hasSize(1);
    }

    @Test
    void onlyTheSellersFieldsAreBound() {
        User seller = newUser();
        Map<String, Object> body = validListing();
        body.putAll(Map.of(
                "id",
                UUID.randomUUID().toString(),
                "userId",
                "someone-else",
                "version",
                42,
                "orderId",
                UUID.randomUUID().toString(),
                "reserved",
                3,
                "sold",
                1,
                "available",
                99));
        JsonNode listing = createListing(seller, body);
        assertThat(listing.get("id").asString()).isNotEqualTo(body.get("id"));
        assertThat(listing.get("userId").asString()).isEqualTo(seller.id());
        assertThat(listing.get("version").asLong()).isZero();
        assertThat(listing.get("orderId").isNull()).isTrue();
        assertThat(listing.get("available").asInt()).isEqualTo(4);
        assertThat(jdbc.sql("select reserved + sold from listings")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    // --- PUT /api/tickets/{id}

    @Test
    void editReturnsTheListingWithTheNextVersionAndPublishesTicketUpdated() {
        User seller = newUser();
        String id = createListing(seller, validListing()).get("id").asString();

        Http.Response response = http.put(
                "/api/tickets/" + id,
                seller.token(),
                body("title", "Concert (moved)", "price", "25.50", "quantity", 6));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode listing = response.body();
        assertThat(listing.get("id").asString()).isEqualTo(id);
        assertThat(listing.get("version").asLong()).isEqualTo(1);
        assertThat(listing.get("title").asString()).isEqualTo("Concert (moved)");
        assertThat(listing.get("price").decimalValue()).isEqualByComparingTo("25.50");
        assertThat(listing.get("quantity").asInt()).isEqualTo(6);
        assertThat(listing.get("description").asString())
                .as("a description left out is kept")
                .isEqualTo("Front row");
        assertThat(http.get("/api/tickets/" + id, null).body()).isEqualTo(listing);

        List<StoredMessage> updates = stream.await(
                TICKETS,
                e -> Events.TICKET_UPDATED.matches(e.subject())
                        && e.data().get("id").asString().equals(id),
                1,
                EVENT_TIMEOUT);
        assertThat(updates).hasSize(1);
        JsonNode data = updates.getFirst().data();
        assertThat(data.get("version").asLong()).isEqualTo(1);
        assertThat(updates.getFirst().envelope().get("aggregateVersion").asLong())
                .isEqualTo(1);
        assertThat(data.get("title").asString()).isEqualTo("Concert (moved)");
        assertThat(data.get("price").decimalValue()).isEqualByComparingTo("25.50");
        assertThat(data.get("quantity").asInt()).isEqualTo(6);
        assertThat(data.get("userId").asString()).isEqualTo(seller.id());
        assertThat(data.has("orderId"))
                .as("a seller's edit speaks for no order")
                .isFalse();
    }

    @Test
    void editWithTitleAndPriceOnlyKeepsQuantityAndDescription() {
        User seller = newUser();
        String id = createListing(
                        seller, body("title", "Concert", "price", 20, "description", "Front row", "quantity", 5))
                .get("id")
                .asString();

        Http.Response response =
                http.put("/api/tickets/" + id, seller.token(), body("title", "Concert (moved)", "price", 25));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode listing = response.body();
        assertThat(listing.get("version").asLong()).isEqualTo(1);
        assertThat(listing.get("title").asString()).isEqualTo("Concert (moved)");
        assertThat(listing.get("price").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(listing.get("quantity").asInt()).isEqualTo(5);
        assertThat(listing.get("available").asInt()).isEqualTo(5);
        assertThat(listing.get("description").asString()).isEqualTo("Front row");
        assertThat(http.get("/api/tickets/" + id, null).body()).isEqualTo(listing);
    }

    @Test
    void editReplacesDescriptionAndQuantityWhenGiven() {
        User seller = newUser();
        String id = createListing(
                        seller, body("title", "Concert", "price", 20, "description", "Front row", "quantity", 5))
                .get("id")
                .asString();

        JsonNode listing = http.put(
                        "/api/tickets/" + id,
                        seller.token(),
                        body("title", "Concert", "price", 20, "description", "Back row", "quantity", 2))
                .body();

        assertThat(listing.get("quantity").asInt()).isEqualTo(2);
        assertThat(listing.get("description").asString()).isEqualTo("Back row");
    }

    @Test
    void editThroughATrailingSlashIsTheSameProtectedRoute() {
        User seller = newUser();
        String id = createListing(seller, validListing()).get("id").asString();

        assertThat(http.put("/api/tickets/" + id + "/", null, validListing()).status())
                .isEqualTo(401);
        Http.Response response =
                http.put("/api/tickets/" + id + "/", seller.token(), body("title", "Moved", "price", 21));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body().get("title").asString()).isEqualTo("Moved");
    }

    @Test
    void editRequiresAuthentication() {
        String id = createListing(newUser(), validListing()).get("id").asString();
        Http.Response response = http.put("/api/tickets/" + id, null, validListing());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).containsExactly(Map.of("message", "Not authorized"));
        assertThat(http.put("/api/tickets/" + id, null, body("title", "")).status())
                .isEqualTo(401);
    }

    @Test
    void editOfAnUnknownOrMalformedIdIs404() {
        User seller = newUser();
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid", "123"}) {
            Http.Response response = http.put("/api/tickets/" + id, seller.token(), validListing());
            assertThat(response.status()).as(id).isEqualTo(404);
            assertThat(response.errors()).containsExactly(Map.of("message", "Not Found"));
        }
    }

    @Test
    void editIsValidatedLikeCreate() {
        User seller = newUser();
        String id = createListing(seller, validListing()).get("id").asString();
        assertValidationError(
                http.put("/api/tickets/" + id, seller.token(), body("title", "", "price", 10)),
                "title",
                "Title is required");
        assertValidationError(
                http.put("/api/tickets/" + id, seller.token(), body("title", "t", "price", "1.001")),
                "price",
                "Price must be greater than 0");
        assertValidationError(
                http.put("/api/tickets/" + id, seller.token(), body("title", "t", "price", 1, "quantity", 10_001)),
                "quantity",
                "Quantity must be an integer between 1 and 10000");
        assertThat(version(id)).isZero();
    }

    @Test
    void reservedListingCannotBeEditedAndThatIsCheckedBeforeOwnership() {
        User seller = newUser();
        String id = createListing(seller, validListing()).get("id").asString();
        setCounters(id, 1, 0);

        for (User caller : List.of(seller, newUser())) {
            Http.Response response = http.put("/api/tickets/" + id, caller.token(), validListing());
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errors()).containsExactly(Map.of("message", "Cannot edit a reserved ticket"));
        }
        assertThat(version(id)).isZero();
    }

    @Test
    void onlyTheSellerMayEdit() {
        String id = createListing(newUser(), validListing()).get("id").asString();
        Http.Response response =
                http.put("/api/tickets/" + id, newUser().token(), body("title", "Mine now", "price", 1));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).containsExactly(Map.of("message", "Not authorized"));
        assertThat(http.get("/api/tickets/" + id, null).body().get("title").asString())
                .isEqualTo("Concert");
        assertThat(version(id)).isZero();
    }

    @Test
    void quantityCannotBeLoweredBelowUnitsSold() {
        User seller = newUser();
        String id = createListing(seller, body("title", "Concert", "price", 10, "quantity", 5))
                .get("id")
                .asString();
        setCounters(id, 0, 3);

        Http.Response below =
                http.put("/api/tickets/" + id, seller.token(), body("title", "Concert", "price", 10, "quantity", 2));
        assertThat(below.status()).isEqualTo(400);
        assertThat(below.errors()).containsExactly(Map.of("message", "quantity cannot be lower than units sold"));

        Http.Response equal =
                http.put("/api/tickets/" + id, seller.token(), body("title", "Concert", "price", 10, "quantity", 3));
        assertThat(equal.status()).isEqualTo(200);
        assertThat(equal.body().get("available").asInt()).isZero();
    }

    @Test
    void twoConcurrentEditsOfTheSameVersionBothLandWithoutALostUpdate() throws Exception {
        User seller = newUser();
        String id = createListing(seller, validListing()).get("id").asString();

        List<Http.Response> responses = concurrently(
                2, i -> http.put("/api/tickets/" + id, seller.token(), body("title", "Edit " + i, "price", 10 + i)));

        assertThat(responses).extracting(Http.Response::status).containsOnly(200);
        assertThat(responses).extracting(r -> r.body().get("version").asLong()).containsExactlyInAnyOrder(1L, 2L);
        JsonNode last = responses.stream()
                .filter(r -> r.body().get("version").asLong() == 2)
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(http.get("/api/tickets/" + id, null).body()).isEqualTo(last);
        assertThat(updateVersionsInOutbox(id)).containsExactly(1L, 2L);
    }

    @Test
    void aBurstOfConcurrentEditsMovesTheVersionExactlyOncePerSuccess() throws Exception {
        User seller = newUser();
        String id = createListing(seller, validListing()).get("id").asString();
        int editors = 8;

        List<Http.Response> responses = concurrently(
                editors,
                i -> http.put("/api/tickets/" + id, seller.token(), body("title", "Edit " + i, "price", 10 + i)));

        List<Http.Response> succeeded =
                responses.stream().filter(r -> r.status() == 200).toList();
        assertThat(responses)
                .extracting(Http.Response::status)
                .as("a clear answer, never a 500")
                .allSatisfy(status -> assertThat(status).isIn(200, 409));
        List<Long> versions = succeeded.stream()
                .map(r -> r.body().get("version").asLong())
                .sorted()
                .toList();
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(version(id)).isEqualTo(succeeded.size());
        assertThat(updateVersionsInOutbox(id)).containsExactlyElementsOf(versions);

        List<StoredMessage> updates = stream.await(
                TICKETS,
                e -> Events.TICKET_UPDATED.matches(e.subject())
                        && e.data().get("id").asString().equals(id),
                succeeded.size(),
                EVENT_TIMEOUT);
        assertThat(updates)
                .extracting(e -> e.data().get("version").asLong())
                .containsExactlyInAnyOrderElementsOf(versions);
    }

    // --- helpers

    private interface Edit {
        Http.Response run(int index) throws Exception;
    }

    /** Starts all edits at the same moment (after a latch) and collects every answer. */
    private static List<Http.Response> concurrently(int count, Edit edit) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(count)) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Http.Response> task = () -> {
                    start.await();
                    return edit.run(index);
                };
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    private long version(String id) {
        return jdbc.sql("select version from listings where id = :id")
                .param("id", UUID.fromString(id))
                .query(Long.class)
                .single();
    }

    private List<Long> updateVersionsInOutbox(String id) {
        return jdbc.sql("""
                        select aggregate_version from messaging_outbox
                         where subject like 'TICKET.updated%' and aggregate_id = :id order by aggregate_version
                        """).param("id", id).query(Long.class).list();
    }

    private static void assertValidationError(Http.Response response, String field, String message) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.errors()).as(response.raw()).containsExactly(Map.of("message", message, "field", field));
    }
}
