package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With a load balancer in front of the edge (here: anything on the loopback), its chain is extended, not dropped. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticketing.edge.trusted-proxies=127.0.0.0/8")
class EdgeBehindAProxyTest {

    static final StubUpstream tickets = new StubUpstream();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("ticketing.routes.tickets-url", tickets::url);
    }

    @AfterAll
    static void stopStub() {
        tickets.close();
    }

    @Test
    void aTrustedProxysChainIsPassedOnWithThePeerAppended() throws Exception {
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tickets"))
                                .header("X-Forwarded-For", "203.0.113.7, 10.0.0.3")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());

        assertThat(tickets.takeRequest().headers().get("X-Forwarded-For"))
                .containsExactly("203.0.113.7, 10.0.0.3, 127.0.0.1");
    }
}
