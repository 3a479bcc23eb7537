package dev.ticketing.platform.web.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.web.testapp.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A controller's {@link ClientAddress}, through a real server reached over the loopback. */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientAddressTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void withoutForwardedForTheClientIsThePeer() throws Exception {
        assertThat(client(port, null)).isEqualTo("127.0.0.1");
    }

    @Test
    void behindTheLoopbackEdgeTheClientIsWhatTheEdgeForwarded() throws Exception {
        assertThat(client(port, "203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void theClientCannotPutAnotherAddressInFrontOfItsOwn() throws Exception {
        assertThat(client(port, "6.6.6.6, 203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Nested
    @TestPropertySource(properties = "ticketing.client-address.trusted-proxies=10.0.0.0/8")
    class WhenTheLoopbackIsNoTrustedProxy {

        @LocalServerPort
        int port;

        @Test
        void forwardedForIsIgnored() throws Exception {
            assertThat(client(port, "203.0.113.7")).isEqualTo("127.0.0.1");
        }
    }

    private static String client(int port, String forwardedFor) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/client"));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        String body = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        return body.replaceAll(".*\"client\":\"([^\"]*)\".*", "$1");
    }
}
