package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The steps of the purchase journey through the public API, as people (sellers and buyers) take them. */
final class Marketplace {

    static final Set<String> FINAL = Set.of("complete", "cancelled");
    static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);

    private final String url;

    Marketplace(String url) {
        this.url = url;
    }

    /** A new person, signed up and signed in (cookies). */
    Person person() {
        var http = new Http(url);
        var response =
                http.post("/api/users/signup", Map.of("email", AuthJourneyTest.uniqueEmail(), "password", "password1"));
        assertThat(response.status()).as("signup %s", response).isEqualTo(201);
        return new Person(http, response.json().get("id").asString());
    }

    record Person(Http http, String id) {

        /** Lists a ticket and returns its id. */
        String list(String title, int price, int quantity) {
            var body = new HashMap<String, Object>();
            body.put("title", title);
            body.put("price", price);
            body.put("quantity", quantity);
            var response = http.post("/api/tickets", body);
            assertThat(response.status()).as("listing %s", response).isEqualTo(201);
            return response.json().get("id").asString();
        }

        /** Orders units of a listing, waiting until the orders service has replicated it (404 until then). */
        Http.Response order(String ticketId, int quantity, Map<String, String> headers) {
            return Eventually.await(
                    "the listing replicated to orders",
                    Duration.ofSeconds(30),
                    () -> http.post("/api/orders", Map.of("ticketId", ticketId, "quantity", quantity), headers),
                    r -> r.status() != 404);
        }

        String orderOk(String ticketId, int quantity) {
            var response = order(ticketId, quantity, Map.of());
            assertThat(response.status()).as("order %s", response).isEqualTo(201);
            return response.json().get("id").asString();
        }

        /** Pays an order, waiting until the payments service has replicated it (404 until then). */
        Http.Response pay(String orderId) {
            return Eventually.await(
                    "the order replicated to payments",
                    Duration.ofSeconds(30),
                    () -> http.post("/api/payments", Map.of("orderId", orderId)),
                    r -> r.status() != 404);
        }

        JsonNode order(String orderId) {
            var response = http.get("/api/orders/" + orderId);
            assertThat(response.status()).as("order %s", response).isEqualTo(200);
            return response.json();
        }

        /** Waits until the order is complete or cancelled and returns it. */
        JsonNode awaitFinal(String orderId) {
            return Eventually.await(
                    "order " + orderId + " final",
                    SAGA_TIMEOUT,
                    () -> order(orderId),
                    o -> FINAL.contains(o.get("status").asString())
                            && !o.get("outcome").isNull());
        }

        BigDecimal balance() {
            var wallet = http.get("/api/payments/wallet");
            assertThat(wallet.status()).as("wallet %s", wallet).isEqualTo(200);
            return wallet.json().get("balance").decimalValue();
        }

        /** Waits until the wallet balance equals the expected amount (refunds and credits are asynchronous). */
        void awaitBalance(String expected) {
            Eventually.await(
                    "balance " + expected + " for " + id,
                    SAGA_TIMEOUT,
                    this::balance,
                    b -> b.compareTo(new BigDecimal(expected)) == 0);
        }

        List<JsonNode> purchased() {
            var response = http.get("/api/tickets/purchased");
            assertThat(response.status()).isEqualTo(200);
            return response.json().valueStream().toList();
        }

        List<JsonNode> timeline(String orderId) {
            var response = http.get("/api/orders/" + orderId + "/timeline");
            assertThat(response.status()).isEqualTo(200);
            return response.json().valueStream().toList();
        }
    }

    JsonNode listing(String ticketId) {
        var response = new Http(url).get("/api/tickets/" + ticketId);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** Waits until the listing shows the expected number of available units. */
    JsonNode awaitAvailable(String ticketId, int available) {
        return Eventually.await(
                "listing " + ticketId + " with " + available + " available",
                SAGA_TIMEOUT,
                () -> listing(ticketId),
                l -> l.get("available").asInt() == available);
    }
}
