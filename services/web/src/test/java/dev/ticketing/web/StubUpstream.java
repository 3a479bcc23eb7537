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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny upstream service for the routing tests: records each request and answers with a canned response, or hangs
 * up without answering. It can be stopped (its port then refuses connections) and started again on the same port,
 * to play an instance that goes down and comes back. Public for the tests of the routing package.
 */
public final class StubUpstream implements AutoCloseable {

    public record Recorded(String method, String path, String query, Headers headers, String body) {}

    record Canned(int status, Map<String, List<String>> headers, String body) {}

    private final int port;
    private volatile HttpServer server;
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile Canned canned = new Canned(200, Map.of(), "{}");
    private volatile boolean hangUp;

    public StubUpstream() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets earlier requests and goes back to answering 200 {@code {}}, so each test sees only its own. */
    public void reset() {
        requests.clear();
        hits.set(0);
        canned = new Canned(200, Map.of(), "{}");
        hangUp = false;
    }

    public void answer(int status, Map<String, List<String>> headers, String body) {
        canned = new Canned(status, headers, body);
        hangUp = false;
    }

    /** From now on, reads each request whole and closes the connection without an answer. */
    public void hangUp() {
        hangUp = true;
    }

    /** How many requests arrived since the last {@link #reset()}, answered or not. */
    public int hits() {
        return hits.get();
    }

    /** The next request the stub received, waiting up to 5 s for it. */
    public Recorded takeRequest() throws InterruptedException {
        Recorded r = requests.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("the upstream received no request");
        }
        return r;
    }

    /** Closes the port: connections are refused until {@link #start()}. */
    public void stop() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void start() {
        server = listen(port);
    }

    private HttpServer listen(int port) {
        try {
            var listening = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            listening.createContext("/", this::handle);
            listening.start();
            return listening;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Recorded(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                body));
        hits.incrementAndGet();
        if (hangUp) {
            // closed before any response header: the client's connection ends without an answer
            exchange.close();
            return;
        }
        Canned answer = canned;
        answer.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A local port nothing listens on, to play an upstream that is down. */
    public static String deadUrl() {
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
