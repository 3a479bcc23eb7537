package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void startService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(HealthProbe.READINESS_PATH, exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopService() {
        server.stop(0);
    }

    @Test
    void readyWhenTheReadinessProbeAnswers200() {
        assertThat(HealthProbe.ready(server.getAddress().getPort())).isTrue();
    }

    @Test
    void notReadyWhileTheProbeSaysOutOfService() {
        status.set(503);

        assertThat(HealthProbe.ready(server.getAddress().getPort())).isFalse();
    }

    @Test
    void notReadyWhenWhatListensAnswersSomethingElseThanHttp() throws IOException {
        try (var silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var talker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var client = talker.accept()) {
                    client.getOutputStream().write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // the probe has its answer or gave up
                }
            });

            assertThat(HealthProbe.ready(talker.getLocalPort())).isFalse();
            assertThat(HealthProbe.ready(silent.getLocalPort()))
                    .as("accepts, never answers: the read times out")
                    .isFalse();
        }
    }

    @Test
    void notReadyNorUpWhenNothingListens() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThat(HealthProbe.ready(port)).isFalse();
        assertThat(HealthProbe.acceptsConnections(port)).isFalse();
        assertThat(HealthProbe.acceptsConnections(server.getAddress().getPort()))
                .isTrue();
    }
}
