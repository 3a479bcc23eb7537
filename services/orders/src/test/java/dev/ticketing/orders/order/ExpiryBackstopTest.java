package dev.ticketing.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.orders.OrdersServiceTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Orders' own expiry check: no expiration service runs here, so no {@code EXPIRATION.complete} ever arrives, as
 * when the expiration service is stuck or its {@code ORDER.created} was dead-lettered.
 */
@TestPropertySource(
        properties = {
            "ticketing.reservation-ttl=1s",
            "ticketing.saga.expiry-grace=500ms",
            "ticketing.saga.sweep-interval=200ms"
        })
class ExpiryBackstopTest extends OrdersServiceTest {

    @Test
    void anUnpaidOrderWhoseTimerNeverFiresEndsExpiredAfterTheGraceAndReleasesItsUnits() {
        User seller = newUser();
        String listing = listing(seller, "10", 2);
        var created = order(newUser(), listing, 2);
        String id = created.get("id").asString();
        Instant expiresAt = Instant.parse(created.get("expiresAt").asString());

        awaitStatus(id, "cancelled");

        assertThat(outcome(id)).isEqualTo("EXPIRED");
        Instant cancelledAt = jdbc.sql("select updated_at from orders where id = :id")
                .param("id", UUID.fromString(id))
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        assertThat(cancelledAt)
                .as("not before the reservation window and its grace")
                .isAfterOrEqualTo(expiresAt.plusMillis(500));
        await(
                "ORDER.cancelled",
                () -> !broker.orderEvents(id, "ORDER.cancelled").isEmpty());
        assertThat(broker.orderEvents(id, "ORDER.cancelled")
                        .getFirst()
                        .data()
                        .get("outcome")
                        .asString())
                .isEqualTo("EXPIRED");
        assertThat(counters(listing)).containsExactly(0, 0);
        assertThat(jdbc.sql(
                                "select service || ':' || detail from order_timeline where order_id = :id order by id desc limit 1")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .startsWith("orders:reservation expired before payment");
    }

    @Test
    void aPaidOrderIsNeverExpiredByTheBackstop() {
        User seller = newUser();
        String listing = listing(seller, "10", 1);
        String id = order(newUser(), listing, 1).get("id").asString();
        broker.reserved(id, listing, 1);
        broker.paymentCreated(UUID.randomUUID().toString(), id, "10");
        awaitStatus(id, "paid");
        Instant pastGrace = Instant.now().plusMillis(1500 + 200);

        await("past the grace", () -> Instant.now().isAfter(pastGrace));
        assertThat(status(id)).isEqualTo("paid");
        assertThat(broker.orderEvents(id, "ORDER.cancelled")).isEmpty();
    }
}
