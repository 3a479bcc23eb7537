package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Services with two instances each (docs/decisions/0070): the edge and the UI take them in turn, go on to the
 * other instance when one is down, and repeat only what is safe to repeat. Orders has both instances up, tickets
 * starts with its second one down, payments has none up. The quarantine runs on a clock the test moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class BalancedEdgeTest {

    static final Duration QUARANTINE = Duration.ofSeconds(2);
    static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    static final String UNAVAILABLE = "{\"errors\":[{\"message\":\"Service unavailable\"}]}";

    static final StubUpstream orders1 = new StubUpstream();
    static final StubUpstream orders2 = new StubUpstream();
    static final StubUpstream tickets1 = new StubUpstream();
    static final StubUpstream tickets2 = down(new StubUpstream());
    static final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Autowired
    MutableClock clock;

    @TestConfiguration
    static class QuarantineClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("ticketing.routes.orders-url", () -> orders1.url() + "," + orders2.url());
        // a space after the comma, as a person may write the list
        registry.add("ticketing.routes.tickets-url", () -> tickets1.url() + ", " + tickets2.url());
        registry.add("ticketing.routes.payments-url", () -> StubUpstream.deadUrl() + "," + StubUpstream.deadUrl());
        registry.add("ticketing.routes.auth-url", StubUpstream::deadUrl);
        registry.add("ticketing.edge.quarantine", QUARANTINE::toString);
    }

    @BeforeEach
    void resetStubs() {
        for (var stub : List.of(orders1, orders2, tickets1, tickets2)) {
            stub.reset();
        }
    }

    @AfterAll
    static void stopStubs() {
        for (var stub : List.of(orders1, orders2, tickets1, tickets2)) {
            stub.close();
        }
    }

    @Test
    void requestsAlternateBetweenTheInstances() throws Exception {
        List<String> answeredBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int before = orders1.hits();

            assertThat(send(get("/api/orders/o-" + i)).statusCode()).isEqualTo(200);

            answeredBy.add(orders1.hits() > before ? "orders1" : "orders2");
        }

        assertThat(answeredBy)
                .isIn(
                        List.of("orders1", "orders2", "orders1", "orders2"),
                        List.of("orders2", "orders1", "orders2", "orders1"));
        assertThat(orders1.hits()).isEqualTo(2);
        assertThat(orders2.hits()).isEqualTo(2);
    }

    @Test
    void anErrorAnswerIsPassedThroughAndNotRetried() throws Exception {
        orders1.answer(500, JSON, "{\"errors\":[{\"message\":\"Something went wrong\"}]}");
        orders2.answer(200, JSON, "{\"id\":\"o-1\"}");

        var first = send(get("/api/orders/o-1"));
        var second = send(get("/api/orders/o-1"));

        assertThat(List.of(first.body(), second.body()))
                .containsExactlyInAnyOrder("{\"errors\":[{\"message\":\"Something went wrong\"}]}", "{\"id\":\"o-1\"}");
        assertThat(List.of(first.statusCode(), second.statusCode())).containsExactlyInAnyOrder(500, 200);
        assertThat(orders1.hits()).isEqualTo(1);
        assertThat(orders2.hits()).isEqualTo(1);
    }

    @Test
    void aPostThatFailedAfterReachingAnInstanceIsNotSentToAnother() throws Exception {
        orders1.hangUp();
        orders2.hangUp();

        var response = send(post("/api/orders", "{\"ticketId\":\"t-1\",\"quantity\":1}"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo(UNAVAILABLE);
        assertThat(orders1.hits() + orders2.hits()).isEqualTo(1);
    }

    @Test
    void aPostWithAnIdempotencyKeyIsSentToTheOtherInstanceIntact() throws Exception {
        orders1.hangUp();
        orders2.answer(201, JSON, "{\"id\":\"o-1\"}");

        for (String key : List.of("k-1", "k-2")) {
            var response = send(
                    post("/api/orders", "{\"ticketId\":\"t-1\",\"quantity\":1}").header("Idempotency-Key", key));

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("{\"id\":\"o-1\"}");
        }

        assertThat(orders1.hits()).isEqualTo(1);
        assertThat(orders2.hits()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            var received = orders2.takeRequest();
            assertThat(received.body()).isEqualTo("{\"ticketId\":\"t-1\",\"quantity\":1}");
            assertThat(received.headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
        }
    }

    @Test
    void aGetThatFailedAfterReachingAnInstanceIsSentToTheOther() throws Exception {
        orders1.hangUp();
        orders2.answer(200, JSON, "[]");

        for (int i = 0; i < 2; i++) {
            assertThat(send(get("/api/orders?limit=5")).statusCode()).isEqualTo(200);
        }

        // the JDK's client itself may repeat a GET once on a kept-alive connection that closed without an answer
        assertThat(orders1.hits()).isPositive();
        assertThat(orders2.hits()).isEqualTo(2);
        assertThat(orders2.takeRequest().query()).isEqualTo("limit=5");
    }

    @Test
    void withAnInstanceDownEveryCallSucceedsOnTheOtherAndTheDownOneWaitsOutItsQuarantine() throws Exception {
        tickets1.answer(200, JSON, "[]");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(send(get("/api/tickets")).statusCode()).isEqualTo(200);
            sent.add("{\"title\":\"Concert " + i + "\",\"price\":10}");
            assertThat(send(post("/api/tickets", sent.getLast())).statusCode()).isEqualTo(200);
        }
        // the UI's own calls (home page, API docs) take the same instances
        assertThat(send(get("/")).statusCode()).isEqualTo(200);
        assertThat(send(get("/docs/tickets/v3/api-docs")).statusCode()).isEqualTo(200);

        assertThat(tickets1.hits()).isEqualTo(8);
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var received = tickets1.takeRequest();
            if (received.method().equals("POST")) {
                posted.add(received.body());
            }
        }
        assertThat(posted).isEqualTo(sent);

        tickets2.start();
        for (int i = 0; i < 4; i++) {
            assertThat(send(get("/api/tickets")).statusCode()).isEqualTo(200);
        }
        assertThat(tickets2.hits())
                .as("back, but passed over during its quarantine")
                .isZero();

        clock.advance(QUARANTINE);
        for (int i = 0; i < 4; i++) {
            assertThat(send(get("/api/tickets")).statusCode()).isEqualTo(200);
        }
        assertThat(tickets2.hits()).as("in turn again after its quarantine").isEqualTo(2);
    }

    @Test
    void withEveryInstanceDownTheAnswerIsServiceUnavailable() throws Exception {
        for (var request : List.of(get("/api/payments/wallet"), post("/api/payments", "{\"orderId\":\"o-1\"}"))) {
            var response = send(request);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("application/json");
            assertThat(response.body()).isEqualTo(UNAVAILABLE);
        }
    }

    private static StubUpstream down(StubUpstream stub) {
        stub.stop();
        return stub;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
