package dev.ticketing.systemtests;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like client of the public origin: it keeps its own cookies, so each instance is one person.
 */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    Http(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client with no cookies that sends {@code Authorization: Bearer token}. */
    static Http bearer(String baseUrl, String token) {
        var http = new Http(baseUrl);
        http.defaultHeaders.put("Authorization", "Bearer " + token);
        return http;
    }

    record Response(int status, HttpResponse<String> raw) {

        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        String body() {
            return raw.body();
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        /** The messages of the contract's error body, in order. */
        List<String> errorMessages() {
            return json().get("errors")
                    .valueStream()
                    .map(e -> e.get("message").asString())
                    .toList();
        }

        /** The fields named by the contract's error body (validation errors), in order. */
        List<String> errorFields() {
            return json().get("errors")
                    .valueStream()
                    .filter(e -> e.has("field"))
                    .map(e -> e.get("field").asString())
                    .toList();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response get(String path, Map<String, String> headers) {
        var builder = request(path).GET();
        headers.forEach(builder::header);
        return send(builder);
    }

    Response post(String path, Object body) {
        return post(path, body, Map.of());
    }

    Response post(String path, Object body, Map<String, String> headers) {
        var builder = request(path).POST(bodyOf(body)).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder);
    }

    Response postRaw(String path, String contentType, String raw) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(raw)).header("Content-Type", contentType));
    }

    /** A form as a browser sends it ({@code application/x-www-form-urlencoded}), values in order. */
    Response postForm(String path, Map<String, String> fields) {
        var body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                .append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    Response put(String path, Object body) {
        return send(request(path).PUT(bodyOf(body)).header("Content-Type", "application/json"));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** The value of one of this client's cookies, if set. */
    Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Sets (or replaces) a cookie for the origin, as a tampering client would. */
    void setCookie(String name, String value) {
        var cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(baseUrl), cookie);
    }

    void clearCookies() {
        cookies.getCookieStore().removeAll();
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        defaultHeaders.forEach(builder::header);
        return builder;
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> raw = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(raw.statusCode(), raw);
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
