package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// a random management port too, so that tests never collide with a running stack or each other
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class WebEdgeTest {

    static final StubUpstream auth = new StubUpstream();
    static final StubUpstream tickets = new StubUpstream();
    static final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("ticketing.routes.auth-url", auth::url);
        registry.add("ticketing.routes.tickets-url", tickets::url);
        registry.add("ticketing.routes.orders-url", StubUpstream::deadUrl);
        registry.add("ticketing.routes.payments-url", StubUpstream::deadUrl);
    }

    @BeforeEach
    void resetStubs() {
        auth.reset();
        tickets.reset();
    }

    @AfterAll
    static void stopStubs() {
        auth.close();
        tickets.close();
    }

    @Test
    void proxiesPathQueryHeadersAndBodyUnchanged() throws Exception {
        auth.answer(201, Map.of("Content-Type", List.of("application/json")), "{\"id\":\"u1\"}");

        var response = send(HttpRequest.newBuilder(uri("/api/users/signup?x=1&y=a%20b"))
                .header("Cookie", "access_token=abc; other=1")
                .header("Authorization", "Bearer jwt-123")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.c\"}")));

        var received = auth.takeRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/api/users/signup");
        assertThat(received.query()).isEqualTo("x=1&y=a%20b");
        assertThat(received.headers().getFirst("Cookie")).isEqualTo("access_token=abc; other=1");
        assertThat(received.headers().getFirst("Authorization")).isEqualTo("Bearer jwt-123");
        assertThat(received.headers().getFirst("Idempotency-Key")).isEqualTo("k-1");
        assertThat(received.body()).isEqualTo("{\"email\":\"a@b.c\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"id\":\"u1\"}");
    }

    @Test
    void passesEverySetCookieBack() throws Exception {
        auth.answer(
                200,
                Map.of("Set-Cookie", List.of("access_token=a; Path=/; HttpOnly", "refresh_token=r; Path=/; HttpOnly")),
                "{}");

        var response = send(HttpRequest.newBuilder(uri("/api/users/signin")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.headers().allValues("Set-Cookie"))
                .containsExactlyInAnyOrder("access_token=a; Path=/; HttpOnly", "refresh_token=r; Path=/; HttpOnly");
    }

    @Test
    void passesUpstreamErrorsThroughUntouched() throws Exception {
        tickets.answer(
                400,
                Map.of("Content-Type", List.of("application/json")),
                "{\"errors\":[{\"message\":\"Cannot edit a reserved ticket\"}]}");

        var response =
                send(HttpRequest.newBuilder(uri("/api/tickets/t-1")).PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(tickets.takeRequest().path()).isEqualTo("/api/tickets/t-1");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"Cannot edit a reserved ticket\"}]}");
    }

    @Test
    void routesTheBarePrefixToo() throws Exception {
        tickets.answer(200, Map.of("Content-Type", List.of("application/json")), "[]");

        var response = send(HttpRequest.newBuilder(uri("/api/tickets")).GET());

        assertThat(tickets.takeRequest().path()).isEqualTo("/api/tickets");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownApiRouteIsContractNotFound() throws Exception {
        for (String path : List.of("/api/unknown", "/api/userss/x", "/api")) {
            var response = send(HttpRequest.newBuilder(uri(path)).GET());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("application/json");
            assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
        }
    }

    @Test
    void upstreamDownIsServiceUnavailable() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/orders?limit=5"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"ticketId\":\"t\"}")));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"Service unavailable\"}]}");
    }

    @Test
    void chunkedBodyOverTheLimitIsContractTooLarge() throws Exception {
        byte[] big = new byte[1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');

        var response = send(HttpRequest.newBuilder(uri("/api/users/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"Request body too large\"}]}");
    }

    @Test
    void bodyOverTheLimitWithContentLengthIsContractTooLarge() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/users/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1024 * 1024))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"Request body too large\"}]}");
    }

    @Test
    void trailingSlashReachesTheSameUpstreamRoute() throws Exception {
        auth.answer(201, Map.of("Content-Type", List.of("application/json")), "{\"id\":\"u1\"}");

        var response = send(HttpRequest.newBuilder(uri("/api/users/signup/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(auth.takeRequest().path()).isEqualTo("/api/users/signup");
    }

    @Test
    void homePageListsAvailableTicketsFromTheTicketsService() throws Exception {
        tickets.answer(200, Map.of("Content-Type", List.of("application/json")), """
                [{"id":"6f1c9b1e-1111-4c3b-9a55-0d2b4a1e0001","title":"Concert <live>","price":20.5,"quantity":3,"available":2,"userId":"u","version":0},
                 {"id":"6f1c9b1e-1111-4c3b-9a55-0d2b4a1e0002","title":"Opera","price":100,"quantity":1,"available":1,"userId":"u","version":0}]
                """);

        var response = send(HttpRequest.newBuilder(uri("/")).GET());

        assertThat(tickets.takeRequest().path()).isEqualTo("/api/tickets");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/html");
        assertThat(response.body())
                .contains("<title>Ticketing")
                .contains(">Concert &lt;live&gt;</a>")
                .contains(">20.5 credits<")
                .contains(">2 left<")
                .contains(">Opera</a>")
                .contains(">100 credits<")
                .contains(">1 left<")
                .contains("href=\"/docs\"");
    }

    @Test
    void homePageSaysSoWhenNothingIsAvailable() throws Exception {
        tickets.answer(200, Map.of("Content-Type", List.of("application/json")), "[]");

        var response = send(HttpRequest.newBuilder(uri("/")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("No tickets are available right now.")
                .doesNotContain("class=\"cards\"");
    }

    @Test
    void docsServeEachServicesOpenApiWithThisOriginAsServer() throws Exception {
        auth.answer(
                200,
                Map.of("Content-Type", List.of("application/json")),
                "{\"openapi\":\"3.1.0\",\"servers\":[{\"url\":\"http://127.0.0.1:18081\"}],\"paths\":{}}");

        var response =
                send(HttpRequest.newBuilder(uri("/docs/auth/v3/api-docs")).GET());

        assertThat(auth.takeRequest().path()).isEqualTo("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"openapi\":\"3.1.0\"").contains("\"servers\":[{\"url\":\"/\"}]");
        assertThat(send(HttpRequest.newBuilder(uri("/docs/web/v3/api-docs/swagger-config"))
                                .GET())
                        .body())
                .contains("/docs/auth/v3/api-docs", "/docs/tickets/v3/api-docs");
    }

    @Test
    void theClientAddressIsForwarded() throws Exception {
        send(HttpRequest.newBuilder(uri("/api/tickets")).GET());

        assertThat(tickets.takeRequest().headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
    }

    @Test
    void forwardingHeadersAClientSendsAreReplacedNotPassedOn() throws Exception {
        send(HttpRequest.newBuilder(uri("/api/users/signin"))
                .header("X-Forwarded-For", "6.6.6.6")
                .header("Forwarded", "for=6.6.6.6")
                .header("X-Real-IP", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example.com")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        var headers = auth.takeRequest().headers();
        assertThat(headers.get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(headers.containsKey("Forwarded")).isFalse();
        assertThat(headers.containsKey("X-real-ip")).isFalse();
        assertThat(headers.containsKey("X-forwarded-host")).isFalse();
    }

    @Test
    void exposesProbesAndMetricsOnTheManagementPortOnly() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(send(HttpRequest.newBuilder(managementUri("/actuator/health/liveness"))
                                .GET())
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(managementUri("/actuator/health/readiness"))
                                .GET())
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(managementUri("/actuator/prometheus"))
                                .GET())
                        .body())
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void thePublicOriginServesNoActuator() throws Exception {
        for (String path : List.of(
                "/actuator",
                "/actuator/",
                "/actuator/health",
                "/actuator/health/readiness",
                "/actuator/health/liveness",
                "/actuator/prometheus",
                "/actuator/env",
                "/actuator/nothing/here")) {
            for (String method : List.of("GET", "POST", "HEAD")) {
                var response = send(HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("Accept", "text/html"));

                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(404);
                if (!method.equals("HEAD")) {
                    assertThat(response.headers().firstValue("Content-Type"))
                            .as(path)
                            .get()
                            .asString()
                            .startsWith("application/json");
                    assertThat(response.body())
                            .as(method + " " + path)
                            .isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
                }
            }
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
