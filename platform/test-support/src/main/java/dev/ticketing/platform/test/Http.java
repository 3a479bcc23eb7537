package dev.ticketing.platform.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for a service under test on {@code 127.0.0.1}. Access tokens go in
 * {@code Authorization: Bearer} ({@code null} token: anonymous); cookies and other headers are passed explicitly,
 * as a test should. Bodies are JSON: a {@link String} is sent as it is (so a test can send malformed JSON), any
 * other object is serialized.
 */
public final class Http {

    /** The mapper the helpers use, for tests that build or read JSON themselves. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final int port;

    public Http(int port) {
        this.port = port;
    }

    /** A response: its status, its body as sent ({@code raw}) and parsed when it is JSON, its headers. */
    public record Response(int status, JsonNode body, HttpHeaders headers, String raw) {

        /** The first value of the header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The contract's error entries as {@code message|field} maps, in order. */
        public List<Map<String, String>> errors() {
            return body.get("errors")
                    .valueStream()
                    .map(e -> e.has("field")
                            ? Map.of(
                                    "message",
                                    e.get("message").asString(),
                                    "field",
                                    e.get("field").asString())
                            : Map.of("message", e.get("message").asString()))
                    .toList();
        }

        public List<String> setCookies() {
            return headers.allValues("set-cookie");
        }

        /** The whole {@code Set-Cookie} header that sets the cookie, attributes included. */
        public Optional<String> setCookie(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst();
        }

        /** The value a {@code Set-Cookie} header gives to the cookie; fails the test when there is none. */
        public String cookie(String name) {
            String header = setCookie(name).orElseThrow(() -> new AssertionError("no Set-Cookie " + name));
            int end = header.indexOf(';');
            return header.substring(name.length() + 1, end < 0 ? header.length() : end);
        }
    }

    public Response get(String path, String token) {
        return get(path, token, Map.of());
    }

    /** A GET with extra request headers (e.g. {@code Cookie}). */
    public Response get(String path, String token, Map<String, String> headers) {
        return send(request(path, token, headers).GET().build());
    }

    public Response post(String path, String token, Object body) {
        return post(path, token, body, Map.of());
    }

    /** A POST with extra request headers (e.g. {@code Idempotency-Key}, {@code X-Fault-Injection}, {@code Cookie}). */
    public Response post(String path, String token, Object body, Map<String, String> headers) {
        return send(request(path, token, headers)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(serialize(body)))
                .build());
    }

    /** A POST without a body (and without Content-Type). */
    public Response postEmpty(String path, String token) {
        return postEmpty(path, token, Map.of());
    }

    /** A POST without a body, with extra request headers (e.g. {@code Cookie}). */
    public Response postEmpty(String path, String token, Map<String, String> headers) {
        return send(request(path, token, headers).POST(BodyPublishers.noBody()).build());
    }

    public Response put(String path, String token, Object body) {
        return send(request(path, token, Map.of())
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(serialize(body)))
                .build());
    }

    public Response delete(String path, String token) {
        return send(request(path, token, Map.of()).DELETE().build());
    }

    /**
     * A request written byte for byte on a socket, for what {@link HttpClient} refuses to send, such as a control
     * character in a header value. Headers are sent as ISO-8859-1 (one byte per character, as HTTP/1.1 has them),
     * the body as UTF-8; a non-null body is JSON.
     */
    public Response raw(String method, String path, String token, Map<String, String> headers, Object body) {
        byte[] content = body == null ? new byte[0] : serialize(body).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n")
                .append("Content-Length: ")
                .append(content.length)
                .append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return RawResponses.parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("raw " + method + " " + path + " failed", e);
        }
    }

    /** A JSON object of alternating keys and values, in order (values serialized as Jackson would). */
    public static String json(Object... keysAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.putPOJO((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return JSON.writeValueAsString(node);
    }

    private HttpRequest.Builder request(String path, String token, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static String serialize(Object body) {
        return body instanceof String raw ? raw : JSON.writeValueAsString(body);
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, BodyHandlers.ofString());
            boolean json =
                    response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode body = json && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), body, response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("HTTP " + request.method() + " " + request.uri() + " interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("HTTP " + request.method() + " " + request.uri() + " failed", e);
        }
    }
}
