package dev.ticketing.launcher;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Is a service ready? Its readiness probe answers 200. Is a server up? It accepts a TCP connection. */
final class HealthProbe {

    static final String READINESS_PATH = "/actuator/health/readiness";
    private static final int CONNECT_TIMEOUT_MS = 500;
    private static final int READ_TIMEOUT_MS = 1000;

    private HealthProbe() {}

    /**
     * One HTTP/1.1 GET of the readiness probe on a socket of its own, judged by the status line alone. While six
     * services start, the launcher asks every 100 ms: with the JDK's HttpClient (a selector thread, futures, a
     * refused connection turned into exceptions on several threads) the asking took more of the launcher's CPU
     * than everything else it does at start-up.
     */
    static boolean ready(int port) {
        return answersOk(port, READINESS_PATH);
    }

    /** Whether a GET of {@code path} on the loopback {@code port} answers 200 (the same bare request as above). */
    static boolean answersOk(int port, String path) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return statusCode(new BufferedInputStream(socket.getInputStream(), 256)) == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status of an HTTP/1.x answer ({@code HTTP/1.1 200 OK}), or -1 when the first line is not one. */
    static int statusCode(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n' && line.length() < 256; b = in.read()) {
            line.append((char) b);
        }
        String[] parts = line.toString().trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean acceptsConnections(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
