package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The local trace store's switches (decision 61) and {@code trace <orderId>} against a Zipkin-shaped API. */
class TraceStoreTest {

    private static Config config(String... settings) {
        var env = new HashMap<String, String>(Map.of("TICKETING_PORT_OFFSET", "7000"));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return Config.from(env, Path.of("/repo"));
    }

    private static Map<String, String> environmentOfTickets(Config config) {
        return ServiceRegistry.environment(
                ServiceRegistry.byName(config, "tickets"),
                config,
                Database.embedded(15432, "secret").as("tickets", "s"),
                "nats://127.0.0.1:14222",
                Optional.empty());
    }

    @Test
    void byDefaultTheLauncherRunsTheStoreOnItsMovedPortAndTheServicesSendItTheirSpans() {
        Config config = config();
        assertThat(TraceStore.local(config)).isTrue();
        assertThat(TraceStore.port(config)).isEqualTo(16411);
        assertThat(environmentOfTickets(config))
                .containsEntry("TICKETING_ZIPKIN_ENDPOINT", "http://127.0.0.1:16411/api/v2/spans")
                .containsEntry("TICKETING_TRACES_URL", "http://localhost:16411/zipkin/");
    }

    @Test
    void offOrSpansSentElsewhereMeanNoStore() {
        for (Config config : List.of(
                config("TICKETING_TRACING", "off"),
                config("TICKETING_OTLP_ENDPOINT", "http://collector:4318/v1/traces"),
                config("TICKETING_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans"))) {
            assertThat(TraceStore.local(config)).isFalse();
            assertThat(TraceStore.unit(config, Path.of("java"))).isEmpty();
            assertThat(environmentOfTickets(config).get("TICKETING_TRACES_URL")).isNull();
        }
        assertThat(environmentOfTickets(config("TICKETING_TRACING", "off")))
                .doesNotContainKey("TICKETING_ZIPKIN_ENDPOINT");
        assertThat(environmentOfTickets(config("TICKETING_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans")))
                .as("passed through like every TICKETING_* setting")
                .containsEntry("TICKETING_ZIPKIN_ENDPOINT", "http://zipkin:9411/api/v2/spans");
    }

    @Test
    void traceOfAnOrderPrintsTheSagasTraceAsATreeAndNamesTheOtherTraces() throws Exception {
        String order = "82bf7a9e-8fe3-4beb-9159-50a24c33fbb8";
        String saga = """
                [{"traceId":"aa","id":"01","kind":"SERVER","name":"http post /api/orders","timestamp":1000000,
                  "duration":40000,"localEndpoint":{"serviceName":"web"}},
                 {"traceId":"aa","parentId":"01","id":"02","kind":"SERVER","name":"http post /api/orders",
                  "timestamp":1001000,"duration":30000,"localEndpoint":{"serviceName":"orders"},
                  "tags":{"order.id":"%1$s","saga.step":"create","saga.result":"created"}},
                 {"traceId":"aa","parentId":"02","id":"03","kind":"PRODUCER","name":"publish order.created",
                  "timestamp":1040000,"duration":2500,"localEndpoint":{"serviceName":"orders"}},
                 {"traceId":"aa","parentId":"03","id":"04","kind":"CONSUMER","name":"process order.created",
                  "timestamp":1043000,"duration":900,"localEndpoint":{"serviceName":"tickets"},
                  "tags":{"order.id":"%1$s","saga.step":"reserve","saga.result":"reserved"}}]
                """.formatted(order);
        String request = """
                [{"traceId":"bb","id":"11","kind":"SERVER","name":"http post /api/payments","timestamp":3000000,
                  "duration":9000,"localEndpoint":{"serviceName":"web"},"tags":{"order.id":"%s"}}]
                """.formatted(order);
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var queries = new java.util.concurrent.CopyOnWriteArrayList<String>();
        server.createContext("/api/v2/traces", exchange -> {
            queries.add(exchange.getRequestURI().getQuery());
            byte[] body = ("[" + request + "," + saga + "]").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String store = "http://127.0.0.1:" + server.getAddress().getPort();
            var out = new ByteArrayOutputStream();
            int exit = new TraceCommand(
                            config("TICKETING_ZIPKIN_ENDPOINT", store + "/api/v2/spans"),
                            new PrintStream(out, true, StandardCharsets.UTF_8))
                    .run(List.of(order));

            assertThat(exit).isZero();
            assertThat(queries).singleElement().asString().contains("annotationQuery=order.id=" + order);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.getFirst())
                    .isEqualTo(
                            "Order " + order + ": trace aa, 4 spans over 43.9 ms, services " + "orders, tickets, web");
            assertThat(lines)
                    .contains(store + "/zipkin/traces/aa")
                    .contains("+0 µs        40.0 ms  web          http post /api/orders")
                    .contains("+1.0 ms      30.0 ms  orders         http post /api/orders  (create: created)")
                    .contains("+40.0 ms      2.5 ms  orders           publish order.created")
                    .contains("+43.0 ms      900 µs  tickets            process order.created  (reserve: reserved)")
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("Also naming the order: trace bb (web http post " + "/api/payments, 1 spans)"));
        } finally {
            server.stop(0);
        }
    }
}
