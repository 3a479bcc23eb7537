package dev.ticketing.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A tiny upstream service for the routing tests: records each request and answers with a canned response. */
final class StubUpstream implements AutoCloseable {

    record Recorded(String method, String path, String query, Headers headers, String body) {}

    record Canned(int status, Map<String, List<String>> headers, String body) {}

    private final HttpServer server;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private volatile Canned canned = new Canned(200, Map.of(), "{}");

    StubUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forgets earlier requests, so each test sees only its own. */
    void reset() {
        requests.clear();
        canned = new Canned(200, Map.of(), "{}");
    }

    void answer(int status, Map<String, List<String>> headers, String body) {
        canned = new Canned(status, headers, body);
    }

    /** The next request the stub received, waiting up to 5 s for it. */
    Recorded takeRequest() throws InterruptedException {
        Recorded r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the upstream received no request");
        }
        return r;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                body));
        Canned answer = canned;
        answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A local port nothing listens on, to play an upstream that is down. */
    static String deadUrl() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
