package dev.ticketing.expiration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.platform.test.ClassInfrastructure;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

// failed deliveries are retried quickly here, so that a malformed event reaches the dead letters in seconds
@ServiceTest
@TestPropertySource(properties = "ticketing.messaging.backoff=100ms")
class ExpirationServiceTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(15);

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Broker broker;

    @BeforeEach
    void connect(ClassInfrastructure infra) {
        broker = new Broker(infra.nats().url());
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        broker.close();
    }

    @Test
    void anOrderExpiresOnceAtItsExpiresAt() {
        String orderId = newOrderId();
        Instant expiresAt = inSeconds(2);

        broker.orderCreated(orderId, expiresAt);

        List<JsonNode> fired = awaitExpirations(orderId);
        assertThat(fired).hasSize(1);
        JsonNode envelope = fired.getFirst();
        Instant occurredAt = Instant.parse(envelope.get("occurredAt").asString());
        assertThat(occurredAt)
                .as("never before the deadline")
                .isAfterOrEqualTo(expiresAt)
                .as("soon after it")
                .isBefore(expiresAt.plusSeconds(5));
        assertThat(envelope.get("type").asString()).isEqualTo("EXPIRATION.complete");
        assertThat(envelope.get("aggregateId").asString()).isEqualTo(orderId);
        assertThat(envelope.get("data").get("orderId").asString()).isEqualTo(orderId);
        assertThat(timerExists(orderId)).as("the fired timer is gone").isFalse();
        assertThat(stillOnlyOneExpiration(orderId, Instant.now().plusSeconds(2)))
                .isTrue();
    }

    /** The expiry is part of the order's story: it continues the trace ORDER.created came with (decision 60). */
    @Test
    void theTimerFiresInTheOrdersTrace() {
        String orderId = newOrderId();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        broker.orderCreated(
                UUID.randomUUID(),
                UUID.randomUUID().toString(),
                orderId,
                inSeconds(1),
                java.util.Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        awaitExpirations(orderId);
        assertThat(broker.expirationMessagesOf(orderId))
                .singleElement()
                .satisfies(message -> assertThat(message.header("traceparent")).startsWith("00-" + traceId + "-"));
    }

    @Test
    void duplicateOrderCreatedEventsScheduleOneTimer() {
        String orderId = newOrderId();
        Instant expiresAt = inSeconds(3);
        UUID eventId = UUID.randomUUID();

        // the same event twice under two message ids (JetStream cannot drop it: the inbox must) ...
        broker.orderCreated(eventId, UUID.randomUUID().toString(), orderId, expiresAt);
        broker.orderCreated(eventId, UUID.randomUUID().toString(), orderId, expiresAt);
        // ... and a second event for the same order (the timer insert must be idempotent)
        broker.orderCreated(orderId, expiresAt);

        assertThat(Poll.until(() -> broker.drained(Events.ORDER_CREATED), ARRIVAL))
                .isTrue();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = :id")
                        .param("id", orderId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(awaitExpirations(orderId)).hasSize(1);
        assertThat(stillOnlyOneExpiration(orderId, Instant.now().plusSeconds(2)))
                .isTrue();
    }

    @Test
    void aCancelledOrderDoesNotExpire() {
        String orderId = newOrderId();
        Instant expiresAt = inSeconds(3);
        broker.orderCreated(orderId, expiresAt);
        assertThat(Poll.until(() -> timerExists(orderId), ARRIVAL)).isTrue();

        broker.orderCancelled(orderId);

        assertThat(Poll.until(() -> !timerExists(orderId), ARRIVAL))
                .as("the timer is dropped")
                .isTrue();
        assertThat(Poll.neverUntil(() -> !broker.expirationsOf(orderId).isEmpty(), expiresAt.plusSeconds(3)))
                .as("no EXPIRATION.complete up to 3 s past the deadline")
                .isTrue();
    }

    @Test
    void aPaidOrderDoesNotExpire() {
        String orderId = newOrderId();
        Instant expiresAt = inSeconds(3);
        broker.orderCreated(
                UUID.randomUUID(),
                UUID.randomUUID().toString(),
                orderId,
                expiresAt,
                java.util.Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        assertThat(Poll.until(() -> timerExists(orderId), ARRIVAL)).isTrue();
        assertThat(traceKept(orderId)).as("the trace the timer would fire in").isTrue();

        broker.orderPaid(orderId);

        assertThat(Poll.until(() -> !timerExists(orderId), ARRIVAL))
                .as("the timer is dropped, and the trace it kept with it")
                .isTrue();
        assertThat(Poll.neverUntil(() -> !broker.expirationsOf(orderId).isEmpty(), expiresAt.plusSeconds(3)))
                .as("no EXPIRATION.complete up to 3 s past the deadline")
                .isTrue();
    }

    @Test
    void aCancelAppliedBeforeTheCreateLeavesNoTimer() {
        String orderId = newOrderId();
        broker.orderCancelled(orderId);
        assertThat(Poll.until(() -> broker.drained(Events.ORDER_CANCELLED), ARRIVAL))
                .isTrue();

        Instant expiresAt = inSeconds(1);
        broker.orderCreated(orderId, expiresAt);
        assertThat(Poll.until(() -> broker.drained(Events.ORDER_CREATED), ARRIVAL))
                .isTrue();

        assertThat(timerExists(orderId)).as("no timer for a cancelled order").isFalse();
        assertThat(Poll.neverUntil(() -> !broker.expirationsOf(orderId).isEmpty(), expiresAt.plusSeconds(3)))
                .isTrue();
    }

    @Test
    void aTimerRunAgainAfterACrashPublishesNothingMore() {
        // the state a crash leaves when the process died after committing the expiration but before
        // db-scheduler removed the timer: the expirations row exists and the timer is still due
        String orderId = newOrderId();
        jdbc.sql("insert into expirations (order_id, fired_at) values (:id, now())")
                .param("id", orderId)
                .update();
        jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
                        values ('order-expiration', :id, :at, false, 1)
                        """)
                .param("id", orderId)
                .param("at", Timestamp.from(Instant.now()))
                .update();

        assertThat(Poll.until(() -> !timerExists(orderId), ARRIVAL))
                .as("the timer ran and completed")
                .isTrue();
        assertThat(Poll.neverUntil(
                        () -> !broker.expirationsOf(orderId).isEmpty(),
                        Instant.now().plusSeconds(2)))
                .isTrue();
        assertThat(jdbc.sql("select count(*) from messaging_outbox where aggregate_id = :id")
                        .param("id", orderId)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aMalformedOrderCreatedIsNotScheduled() {
        String orderId = newOrderId();
        broker.orderCreated(orderId, null);

        assertThat(Poll.until(
                        () -> jdbc.sql("select count(*) from messaging_dead_letter where subject like :s")
                                        .param("s", "ORDER.created%")
                                        .query(Integer.class)
                                        .single()
                                > 0,
                        ARRIVAL))
                .as("parked as a dead letter")
                .isTrue();
        assertThat(timerExists(orderId)).isFalse();
    }

    @Test
    void servesHealthProbesAndMetricsOnly() throws Exception {
        assertThat(get("/actuator/health/liveness")).isEqualTo(200);
        assertThat(get("/actuator/health/readiness")).isEqualTo(200);
        assertThat(get("/actuator/prometheus")).isEqualTo(200);
        assertThat(get("/api/expiration")).as("no public API").isEqualTo(404);
    }

    private int get(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    private List<JsonNode> awaitExpirations(String orderId) {
        assertThat(Poll.until(() -> !broker.expirationsOf(orderId).isEmpty(), ARRIVAL))
                .as("EXPIRATION.complete for %s", orderId)
                .isTrue();
        return broker.expirationsOf(orderId);
    }

    private boolean stillOnlyOneExpiration(String orderId, Instant until) {
        return Poll.neverUntil(() -> broker.expirationsOf(orderId).size() > 1, until);
    }

    private boolean traceKept(String orderId) {
        return jdbc.sql("select exists (select 1 from scheduled_tasks where task_instance = :id"
                        + " and convert_from(task_data, 'UTF8') like '00-4bf92f3577b34da6a3ce929d0e0e4736-%')")
                .param("id", orderId)
                .query(Boolean.class)
                .single();
    }

    private boolean timerExists(String orderId) {
        return jdbc.sql("select exists (select 1 from scheduled_tasks where task_instance = :id)")
                .param("id", orderId)
                .query(Boolean.class)
                .single();
    }

    static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    /** A deadline a few seconds ahead, in whole milliseconds like the orders service's timestamps. */
    static Instant inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.MILLIS);
    }
}
