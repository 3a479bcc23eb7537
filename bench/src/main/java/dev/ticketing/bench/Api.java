package dev.ticketing.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The public API (docs/api.md) as a buyer or seller calls it: JSON over HTTP/1.1 to the web edge, authenticated with
 * {@code Authorization: Bearer}. One client for the whole run, shared by every thread; it keeps connections
 * open, as a browser or a mobile app would.
 */
final class Api {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient client;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
        // HTTP/1.1 explicitly: the default would try an h2c upgrade on every new connection
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A response, or a transport failure as status 0 with the exception in {@code body}: the bench counts it as
     * an error of that step instead of stopping.
     */
    record Response(int status, String body) {

        JsonNode json() {
            return Json.MAPPER.readTree(body);
        }

        /** The first message of the error body of docs/api.md, or the raw body. */
        String errorMessage() {
            try {
                JsonNode errors = json().path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    return errors.get(0).path("message").asString("");
                }
            } catch (RuntimeException notJson) {
                // fall through
            }
            return body.length() > 120 ? body.substring(0, 120) : body;
        }
    }

    Response signup(String email, String password) {
        return post("/api/users/signup", null, Map.of("email", email, "password", password));
    }

    Response token(String email, String password) {
        return post("/api/users/token", null, Map.of("email", email, "password", password));
    }

    Response listTicket(String token, String title, String price, int quantity) {
        return post(
                "/api/tickets",
                token,
                Map.of("title", title, "price", new java.math.BigDecimal(price), "quantity", quantity));
    }

    Response createOrder(String token, String ticketId) {
        return post("/api/orders", token, Map.of("ticketId", ticketId, "quantity", 1));
    }

    Response pay(String token, String orderId) {
        return post("/api/payments", token, Map.of("orderId", orderId));
    }

    Response ticket(String ticketId) {
        return send(request("/api/tickets/" + ticketId, null).GET());
    }

    Response order(String token, String orderId) {
        return send(request("/api/orders/" + orderId, token).GET());
    }

    private Response post(String path, String token, Object body) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Response(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, "interrupted");
        }
    }
}
