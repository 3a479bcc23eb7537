package dev.ticketing.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.orders.OrdersServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The deadlines orders enforces itself, with short timeouts. */
@TestPropertySource(
        properties = {
            "ticketing.saga.reserve-timeout=1s",
            "ticketing.saga.delivery-timeout=1s",
            "ticketing.saga.sweep-interval=200ms",
            // short deadlines need a short redelivery and restart to be consistent (StepDeadlineRule)
            "ticketing.messaging.ack-wait=500ms",
            "ticketing.saga.restart-allowance=200ms"
        })
class DeadlineTest extends OrdersServiceTest {

    @Test
    void anUnconfirmedReservationTimesOutAndAConfirmedOneDoesNot() {
        User seller = newUser();
        String listing = listing(seller, "10", 5);
        String confirmed = order(newUser(), listing, 1).get("id").asString();
        broker.reserved(confirmed, listing, 1);
        await(
                "confirmation",
                () -> jdbc.sql("select reserve_confirmed from orders where id = :id")
                        .param("id", UUID.fromString(confirmed))
                        .query(Boolean.class)
                        .single());
        String unconfirmed = order(newUser(), listing, 2).get("id").asString();

        awaitStatus(unconfirmed, "cancelled");

        assertThat(outcome(unconfirmed)).isEqualTo("TIMEOUT");
        await(
                "ORDER.cancelled",
                () -> !broker.orderEvents(unconfirmed, "ORDER.cancelled").isEmpty());
        JsonNode cancelled =
                broker.orderEvents(unconfirmed, "ORDER.cancelled").getFirst().data();
        assertThat(cancelled.get("outcome").asString()).isEqualTo("TIMEOUT");
        assertThat(cancelled.get("quantity").asInt()).isEqualTo(2);
        // the later order's deadline passed after the earlier one's, so a sweep saw both: the confirmed one stays
        assertThat(status(confirmed)).isEqualTo("created");
        assertThat(counters(listing)).containsExactly(1, 0);
        assertThat(jdbc.sql(
                                "select service || ':' || detail from order_timeline where order_id = :id order by id desc limit 1")
                        .param("id", UUID.fromString(unconfirmed))
                        .query(String.class)
                        .single())
                .startsWith("orders:reserve deadline passed");
    }

    @Test
    void aPaidOrderThatIsNotDeliveredInTimeIsCancelled() {
        User seller = newUser();
        String listing = listing(seller, "10", 5);
        String id = order(newUser(), listing, 1).get("id").asString();
        broker.reserved(id, listing, 1);
        broker.paymentCreated(UUID.randomUUID().toString(), id, "10");

        awaitStatus(id, "cancelled");

        assertThat(outcome(id)).isEqualTo("TIMEOUT");
        assertThat(broker.orderEvents(id, "ORDER.paid")).hasSize(1);
        await(
                "ORDER.cancelled",
                () -> !broker.orderEvents(id, "ORDER.cancelled").isEmpty());
        assertThat(broker.orderEvents(id, "ORDER.cancelled")
                        .getFirst()
                        .data()
                        .get("version")
                        .asLong())
                .isEqualTo(2);
        assertThat(counters(listing)).containsExactly(0, 0);

        // tickets answering late changes nothing any more
        broker.delivered(id, listing, 1);
        await(
                "late delivery on the timeline",
                () -> jdbc.sql(
                                        "select count(*) from order_timeline where order_id = :id and detail like 'ignored: late delivery%'")
                                .param("id", UUID.fromString(id))
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(status(id)).isEqualTo("cancelled");
        assertThat(broker.orderEvents(id, "ORDER.completed")).isEmpty();
    }
}
