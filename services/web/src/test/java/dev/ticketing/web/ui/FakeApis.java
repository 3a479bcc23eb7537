package dev.ticketing.web.ui;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The public APIs of the services as canned answers by method and path, for the page tests of the web module: one
 * HTTP server plays auth, tickets, orders and payments (their paths do not overlap). Unknown routes answer the
 * contract's 404. Every request is recorded, headers included.
 */
final class FakeApis implements AutoCloseable {

    record Recorded(String method, String path, String query, Headers headers, String body) {}

    record Answer(int status, String body, Map<String, List<String>> headers) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    FakeApis() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void reset() {
        answers.clear();
        requests.clear();
    }

    FakeApis on(String method, String path, int status, String body) {
        return on(method, path, status, body, Map.of());
    }

    FakeApis on(String method, String path, int status, String body, Map<String, List<String>> headers) {
        answers.put(method + " " + path, new Answer(status, body, headers));
        return this;
    }

    /** An answer only for requests carrying {@code Authorization: Bearer token}; others get the general one. */
    FakeApis onFor(String token, String method, String path, int status, String body) {
        answers.put(method + " " + path + " Bearer " + token, new Answer(status, body, Map.of()));
        return this;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    List<Recorded> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Recorded(
                exchange.getRequestMethod(),
                path,
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                body));
        String key = exchange.getRequestMethod() + " " + path;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Answer answer = answers.getOrDefault(
                key + " " + authorization,
                answers.getOrDefault(key, new Answer(404, "{\"errors\":[{\"message\":\"Not Found\"}]}", Map.of())));
        answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
