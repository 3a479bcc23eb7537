package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The invariants of docs/saga.md under concurrency, through the public origin. */
@ExtendWith(StackExtension.class)
class InvariantsTest {

    private final Marketplace market = new Marketplace(Stack.get().url());

    /** Waits until the orders service knows the listing: the seller's own order is refused as such. */
    private static void awaitReplicated(Marketplace.Person seller, String ticket) {
        var probe = seller.order(ticket, 1, Map.of());
        assertThat(probe.errorMessages()).containsExactly("You cannot buy your own ticket");
    }

    @Test
    void fiftyBuyersRacingForOneUnitMakeExactlyOneOrder() {
        var seller = market.person();
        String ticket = seller.list("one seat", 10, 1);
        awaitReplicated(seller, ticket);
        List<Marketplace.Person> buyers = Concurrently.run(50, i -> market.person());

        List<Http.Response> answers =
                Concurrently.run(50, i -> buyers.get(i).http().post("/api/orders", Map.of("ticketId", ticket)));

        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(r -> r.status() != 201).hasSize(49).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorMessages()).containsExactly("Ticket is already reserved");
        });
        market.awaitAvailable(ticket, 0);
    }

    @Test
    void thirtyBuyersRacingForTenUnitsMakeTenOrdersAndNoMore() {
        var seller = market.person();
        String ticket = seller.list("ten seats", 10, 10);
        awaitReplicated(seller, ticket);
        List<Marketplace.Person> buyers = Concurrently.run(30, i -> market.person());

        List<Http.Response> answers =
                Concurrently.run(30, i -> buyers.get(i).http().post("/api/orders", Map.of("ticketId", ticket)));

        assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(10);
        assertThat(answers).filteredOn(r -> r.status() == 400).hasSize(20);
        market.awaitAvailable(ticket, 0);
        var mine = seller.http()
                .get("/api/tickets/mine")
                .json()
                .valueStream()
                .filter(t -> t.get("id").asString().equals(ticket))
                .findFirst()
                .orElseThrow();
        assertThat(mine.get("reserved").asInt() + mine.get("sold").asInt()).isEqualTo(10);
    }

    @Test
    void payRacingExpiryNeverEndsBothPaidAndCancelled() {
        int rounds = 6;
        List<Round> results = Concurrently.run(rounds, i -> {
            var seller = market.person();
            var buyer = market.person();
            String ticket = seller.list("race expiry " + i, 20, 1);
            JsonNode order = buyer.order(ticket, 1, Map.of()).json();
            String orderId = order.get("id").asString();
            Instant expiresAt = Instant.parse(order.get("expiresAt").asString());
            // pay around the deadline: a little before, at, or after it
            long offsetMillis = ThreadLocalRandom.current().nextLong(-600, 400);
            sleepUntil(expiresAt.plusMillis(offsetMillis));
            var payment = buyer.http().post("/api/payments", Map.of("orderId", orderId));
            return new Round(seller, buyer, ticket, orderId, payment);
        });
        results.forEach(this::assertConsistentEnd);
    }

    @Test
    void payRacingCancelNeverEndsBothPaidAndCancelled() {
        int rounds = 10;
        List<Round> results = Concurrently.run(rounds, i -> {
            var seller = market.person();
            var buyer = market.person();
            var stranger = market.person();
            String ticket = seller.list("race cancel " + i, 20, 1);
            String orderId = buyer.orderOk(ticket, 1);
            // once the payments service knows the order, a stranger is refused as not the owner
            Eventually.await(
                    "payments knows the order",
                    Duration.ofSeconds(30),
                    () -> stranger.http().post("/api/payments", Map.of("orderId", orderId)),
                    r -> r.status() == 401);
            List<Http.Response> both = Concurrently.run(
                    2,
                    k -> k == 0
                            ? buyer.http().delete("/api/orders/" + orderId)
                            : buyer.http().post("/api/payments", Map.of("orderId", orderId)));
            var cancel = both.get(0);
            if (cancel.status() == 400) {
                assertThat(cancel.errorMessages()).containsExactly("Cannot cancel a paid order");
            } else {
                assertThat(cancel.status()).isEqualTo(204);
            }
            return new Round(seller, buyer, ticket, orderId, both.get(1));
        });
        results.forEach(this::assertConsistentEnd);
    }

    private record Round(
            Marketplace.Person seller,
            Marketplace.Person buyer,
            String ticket,
            String orderId,
            Http.Response payment) {}

    /** Either sold and paid once, or cancelled with the money back and the unit on sale again. */
    private void assertConsistentEnd(Round round) {
        JsonNode order = round.buyer().awaitFinal(round.orderId());
        if ("complete".equals(order.get("status").asString())) {
            assertThat(order.get("outcome").asString()).isEqualTo("SUCCESS");
            assertThat(round.payment().status()).isEqualTo(201);
            round.buyer().awaitBalance("480");
            round.seller().awaitBalance("520");
            assertThat(round.buyer().purchased()).hasSize(1);
            market.awaitAvailable(round.ticket(), 0);
        } else {
            assertThat(order.get("status").asString()).isEqualTo("cancelled");
            round.buyer().awaitBalance("500");
            round.seller().awaitBalance("500");
            Eventually.await(
                    "no e-ticket for a cancelled order",
                    Marketplace.SAGA_TIMEOUT,
                    () -> round.buyer().purchased(),
                    List::isEmpty);
            market.awaitAvailable(round.ticket(), 1);
        }
        BigDecimal total = round.buyer().balance().add(round.seller().balance());
        assertThat(total).as("money is conserved between buyer and seller").isEqualByComparingTo("1000");
    }

    private static void sleepUntil(Instant moment) {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis); // aiming a request at a moment, not waiting for an effect
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
