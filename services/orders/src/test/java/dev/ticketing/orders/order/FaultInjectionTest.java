package dev.ticketing.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.ProcessHalt;
import dev.ticketing.orders.OrdersServiceTest;
import dev.ticketing.platform.test.Http;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/** X-Fault-Injection on POST /api/orders with faults enabled. */
@TestPropertySource(properties = "ticketing.faults-enabled=true")
class FaultInjectionTest extends OrdersServiceTest {

    /** Stands in for Runtime.halt: records the halt and fails the request, as the lost connection would. */
    @TestConfiguration
    static class RecordingHalt {
        static final List<Integer> HALTS = new CopyOnWriteArrayList<>();

        @Bean
        @Primary
        ProcessHalt recordingProcessHalt() {
            return status -> {
                HALTS.add(status);
                throw new IllegalStateException("halted with " + status);
            };
        }
    }

    @Autowired
    ProcessHalt halt;

    private long orderEventsInOutbox() {
        return count("select count(*) from messaging_outbox where subject like 'ORDER.%'");
    }

    private void assertNothingStored(String listing, long outboxBefore) {
        assertThat(count("select count(*) from orders")).isZero();
        assertThat(count("select count(*) from order_timeline")).isZero();
        assertThat(count("select count(*) from idempotency_keys")).isZero();
        assertThat(orderEventsInOutbox()).isEqualTo(outboxBefore);
        assertThat(counters(listing)).containsExactly(0, 0);
    }

    @Test
    void createFailIs500AndStoresNothing() {
        String listing = listing(newUser(), "10", 1);
        long outbox = orderEventsInOutbox();
        Http.Response response = http.post(
                "/api/orders",
                newUser().token(),
                body("ticketId", listing),
                Map.of("X-Fault-Injection", "create=fail", "Idempotency-Key", "k1"));
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.errors()).containsExactly(Map.of("message", "Something went wrong"));
        assertNothingStored(listing, outbox);
    }

    @Test
    void createTimeoutIs504AndStoresNothing() {
        String listing = listing(newUser(), "10", 1);
        long outbox = orderEventsInOutbox();
        Http.Response response = http.post(
                "/api/orders",
                newUser().token(),
                body("ticketId", listing),
                Map.of("X-Fault-Injection", "reserve=fail, create=timeout"));
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.errors()).containsExactly(Map.of("message", "Order creation timed out"));
        assertNothingStored(listing, outbox);
    }

    @Test
    void createCrashCommitsTheOrderThenHalts() {
        String listing = listing(newUser(), "10", 1);
        int haltsBefore = RecordingHalt.HALTS.size();
        Http.Response response = http.post(
                "/api/orders",
                newUser().token(),
                body("ticketId", listing),
                Map.of("X-Fault-Injection", "create=crash"));

        assertThat(response.status()).as("the buyer never gets the 201").isNotEqualTo(201);
        assertThat(RecordingHalt.HALTS.subList(haltsBefore, RecordingHalt.HALTS.size()))
                .containsExactly(137);
        assertThat(count("select count(*) from orders o join messaging_fault_crashes c on c.order_id = o.id::text"
                        + " where o.status = 'created' and c.step = 'create'"))
                .isEqualTo(1);
        String id = jdbc.sql("select id::text from orders").query(String.class).single();
        await(
                "ORDER.created published",
                () -> !broker.orderEvents(id, "ORDER.created").isEmpty());
        assertThat(broker.orderEvents(id).getFirst().header("fault-injection")).isEqualTo("create=crash");
        assertThat(counters(listing)).containsExactly(1, 0);
    }

    @Test
    void otherStepsAreForwardedWithEveryEventOfTheOrder() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 1);
        Http.Response response = http.post(
                "/api/orders",
                buyer.token(),
                body("ticketId", listing),
                Map.of("X-Fault-Injection", " Payment=timeout ,reserve=FAIL"));
        assertThat(response.status()).isEqualTo(201);
        String id = response.body().get("id").asString();
        assertThat(http.delete("/api/orders/" + id, buyer.token()).status()).isEqualTo(204);

        await("ORDER.created and ORDER.cancelled", () -> broker.orderEvents(id).size() == 2);
        assertThat(broker.orderEvents(id))
                .allSatisfy(message ->
                        assertThat(message.header("fault-injection")).isEqualTo("reserve=fail, payment=timeout"));
    }

    @Test
    void aMalformedHeaderIs400() {
        String listing = listing(newUser(), "10", 1);
        long outbox = orderEventsInOutbox();
        for (String header :
                new String[] {"create", "create=explode", "ship=fail", "create=fail,,", "create=fail, create=crash"}) {
            Http.Response response = http.post(
                    "/api/orders", newUser().token(), body("ticketId", listing), Map.of("X-Fault-Injection", header));
            assertThat(response.status()).as(header).isEqualTo(400);
            assertThat(response.errors()).hasSize(1);
            assertThat(response.errors().getFirst().get("field")).isEqualTo("X-Fault-Injection");
            assertThat(response.errors().getFirst().get("message")).startsWith("Invalid X-Fault-Injection header:");
        }
        assertNothingStored(listing, outbox);
    }
}
