package dev.ticketing.web.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.test.MutableClock;
import dev.ticketing.web.StubUpstream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The UI's calls through the interceptor, against real HTTP instances, with both clients the UI uses: the JDK's
 * {@code HttpURLConnection} ({@code Api}) and its {@code HttpClient} (Spring Boot's default, the other clients).
 */
class BalancingInterceptorTest {

    final StubUpstream one = new StubUpstream();
    final StubUpstream two = new StubUpstream();

    static Stream<ClientHttpRequestFactory> clients() {
        return Stream.of(new SimpleClientHttpRequestFactory(), new JdkClientHttpRequestFactory());
    }

    @AfterEach
    void stopStubs() {
        one.close();
        two.close();
    }

    @ParameterizedTest
    @MethodSource("clients")
    void callsTakeTheInstancesInTurnWithTheirPathAndQuery(ClientHttpRequestFactory client) throws Exception {
        var http = client(client, one.url(), two.url());

        http.get()
                .uri(Upstreams.address("orders").resolve("/api/orders?limit=5&q=a%20b"))
                .retrieve()
                .toBodilessEntity();
        http.get()
                .uri(Upstreams.address("orders").resolve("/api/orders?limit=5&q=a%20b"))
                .retrieve()
                .toBodilessEntity();

        assertThat(one.hits()).isEqualTo(1);
        assertThat(two.hits()).isEqualTo(1);
        var received = one.takeRequest();
        assertThat(received.path()).isEqualTo("/api/orders");
        assertThat(received.query()).isEqualTo("limit=5&q=a%20b");
    }

    @ParameterizedTest
    @MethodSource("clients")
    void aPostGoesToAnotherInstanceWhenOneRefusesWithItsBodyIntact(ClientHttpRequestFactory client) throws Exception {
        var http = client(client, StubUpstream.deadUrl(), two.url());

        for (int i = 0; i < 3; i++) {
            var status = http.post()
                    .uri(Upstreams.address("orders").resolve("/api/orders"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"n\":" + i + "}")
                    .retrieve()
                    .toBodilessEntity()
                    .getStatusCode();
            assertThat(status.value()).isEqualTo(200);
        }

        assertThat(two.hits()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(two.takeRequest().body()).isEqualTo("{\"n\":" + i + "}");
        }
    }

    @ParameterizedTest
    @MethodSource("clients")
    void aPostThatFailedAfterReachingAnInstanceIsNotSentAgain(ClientHttpRequestFactory client) {
        one.hangUp();
        two.hangUp();
        var http = client(client, one.url(), two.url());

        assertThatThrownBy(() -> http.post()
                        .uri(Upstreams.address("orders").resolve("/api/orders"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"ticketId\":\"t\"}")
                        .retrieve()
                        .toBodilessEntity())
                .isInstanceOf(ResourceAccessException.class);
        assertThat(one.hits() + two.hits()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void aGetThatFailedAfterReachingAnInstanceGoesToAnother(ClientHttpRequestFactory client) {
        one.hangUp();
        var http = client(client, one.url(), two.url());

        for (int i = 0; i < 2; i++) {
            var status = http.get()
                    .uri(Upstreams.address("orders").resolve("/api/orders"))
                    .retrieve()
                    .toBodilessEntity()
                    .getStatusCode();
            assertThat(status.value()).isEqualTo(200);
        }
        // HttpURLConnection itself repeats a GET once on the same instance when it got no answer, so one's count
        // depends on the client; two answers both calls either way
        assertThat(one.hits()).isPositive();
        assertThat(two.hits()).isEqualTo(2);
    }

    @Test
    void otherUrlsPassUnchanged() {
        var http = client(new SimpleClientHttpRequestFactory(), StubUpstream.deadUrl());

        http.get().uri(URI.create(two.url() + "/v3/api-docs")).retrieve().toBodilessEntity();

        assertThat(two.hits()).isEqualTo(1);
    }

    @Test
    void anUnknownServiceIsAMistake() {
        var http = client(new SimpleClientHttpRequestFactory(), one.url());

        assertThatThrownBy(() -> http.get()
                        .uri(Upstreams.address("inventory").resolve("/x"))
                        .retrieve()
                        .toBodilessEntity())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(one.hits()).isZero();
    }

    private static RestClient client(ClientHttpRequestFactory client, String... ordersUrls) {
        var dead = List.of(URI.create(StubUpstream.deadUrl()));
        var routes = new RoutesProperties(
                dead, dead, Stream.of(ordersUrls).map(URI::create).toList(), dead);
        var upstreams = new Upstreams(routes, new EdgeProperties(List.of(), Duration.ofSeconds(2)), new MutableClock());
        return RestClient.builder()
                .requestFactory(client)
                .requestInterceptor(upstreams.interceptor())
                .build();
    }
}
