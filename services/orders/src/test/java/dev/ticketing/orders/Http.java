package dev.ticketing.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the service under test; tokens go in {@code Authorization: Bearer}. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final int port;

    public Http(int port) {
        this.port = port;
    }

    /** A response with its body parsed as JSON (null when empty). */
    public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers, String raw) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The contract's error entries as {@code message|field} maps, in order. */
        public List<Map<String, String>> errors() {
            return body.get("errors").valueStream().map(e -> e.has("field")
                    ? Map.of("message", e.get("message").asString(), "field", e.get("field").asString())
                    : Map.of("message", e.get("message").asString())).toList();
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Response post(String path, String token, Object body) {
        return post(path, token, body, Map.of());
    }

    /** A POST with extra request headers (e.g. {@code Idempotency-Key}, {@code X-Fault-Injection}). */
    public Response post(String path, String token, Object body, Map<String, String> headers) {
        var builder = request(path, token).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder.POST(BodyPublishers.ofString(json(body))).build());
    }

    public Response put(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(json(body))).build());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static String json(Object body) {
        return body instanceof String raw ? raw : JSON.writeValueAsString(body);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, BodyHandlers.ofString());
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = json && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), body, response.headers(), response.body());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP " + request.method() + " " + request.uri() + " failed", e);
        }
    }
}
