package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** The purchase saga end to end through the public origin: the journeys of docs/saga.md. */
@ExtendWith(StackExtension.class)
class PurchaseSagaTest {

    private final Marketplace market = new Marketplace(Stack.get().url());

    @Test
    void aBuyerPaysReceivesETicketsAndTheSellerIsPaid() {
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("concert", 20, 1);

        var ordered = buyer.order(ticket, 1, Map.of());
        assertThat(ordered.status()).isEqualTo(201);
        JsonNode order = ordered.json();
        assertThat(order.get("status").asString()).isEqualTo("created");
        assertThat(order.get("outcome").isNull()).isTrue();
        assertThat(order.get("userId").asString()).isEqualTo(buyer.id());
        assertThat(order.get("unitPrice").decimalValue()).isEqualByComparingTo("20");
        assertThat(order.get("total").decimalValue()).isEqualByComparingTo("20");
        assertThat(order.get("ticket").get("id").asString()).isEqualTo(ticket);
        assertThat(order.get("ticket").get("title").asString()).isEqualTo("concert");
        assertThat(Instant.parse(order.get("expiresAt").asString()))
                .isAfter(Instant.parse(order.get("createdAt").asString()));
        String orderId = order.get("id").asString();

        var paid = buyer.pay(orderId);
        assertThat(paid.status()).as("payment %s", paid).isEqualTo(201);
        assertThat(paid.json().get("orderId").asString()).isEqualTo(orderId);
        assertThat(paid.json().get("amount").decimalValue()).isEqualByComparingTo("20");
        assertThat(paid.json().get("status").asString()).isEqualTo("SUCCESS");

        JsonNode done = buyer.awaitFinal(orderId);
        assertThat(done.get("status").asString()).isEqualTo("complete");
        assertThat(done.get("outcome").asString()).isEqualTo("SUCCESS");

        assertThat(buyer.purchased()).singleElement().satisfies(eTicket -> {
            assertThat(eTicket.get("ticketId").asString()).isEqualTo(ticket);
            assertThat(eTicket.get("orderId").asString()).isEqualTo(orderId);
            assertThat(eTicket.get("code").asString()).hasSizeGreaterThanOrEqualTo(16);
        });
        assertThat(seller.purchased()).isEmpty();
        buyer.awaitBalance("480");
        seller.awaitBalance("520");
        var earnings = seller.http().get("/api/payments/earnings").json();
        assertThat(earnings.get("total").decimalValue()).isEqualByComparingTo("20");
        assertThat(earnings.get("sales"))
                .singleElement()
                .satisfies(sale -> assertThat(sale.get("orderId").asString()).isEqualTo(orderId));
        assertThat(market.awaitAvailable(ticket, 0).get("available").asInt()).isZero();
        assertThat(new Http(Stack.get().url())
                        .get("/api/tickets?limit=200")
                        .json()
                        .valueStream()
                        .map(t -> t.get("id").asString()))
                .doesNotContain(ticket);

        var steps = buyer.timeline(orderId);
        assertThat(steps).hasSizeGreaterThanOrEqualTo(4);
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.has("at")).isTrue();
            assertThat(step.get("step").asString()).isNotBlank();
            assertThat(step.get("service").asString()).isNotBlank();
        });
        var again = buyer.http().post("/api/payments", Map.of("orderId", orderId));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorMessages()).containsExactly("Order has already been paid");
    }

    @Test
    void aListingWithQuantitySellsUnitsAndKeepsThePriceOfTheOrder() {
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("festival", 30, 5);

        String orderId = buyer.orderOk(ticket, 3);
        assertThat(buyer.order(orderId).get("total").decimalValue()).isEqualByComparingTo("90");
        market.awaitAvailable(ticket, 2);

        assertThat(buyer.pay(orderId).status()).isEqualTo(201);
        assertThat(buyer.awaitFinal(orderId).get("outcome").asString()).isEqualTo("SUCCESS");
        assertThat(buyer.purchased())
                .hasSize(3)
                .extracting(t -> t.get("code").asString())
                .doesNotHaveDuplicates();
        buyer.awaitBalance("410");
        seller.awaitBalance("590");
        var mine = seller.http()
                .get("/api/tickets/mine")
                .json()
                .valueStream()
                .filter(t -> t.get("id").asString().equals(ticket))
                .findFirst()
                .orElseThrow();
        assertThat(mine.get("sold").asInt()).isEqualTo(3);
        assertThat(mine.get("available").asInt()).isEqualTo(2);
    }

    @Test
    void anOrderKeepsItsUnitPriceWhenTheSellerChangesThePrice() {
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("theatre", 10, 3);
        String orderId = buyer.orderOk(ticket, 1);
        market.awaitAvailable(ticket, 2);
        var edit = seller.http().put("/api/tickets/" + ticket, Map.of("title", "theatre", "price", 99));
        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.errorMessages()).containsExactly("Cannot edit a reserved ticket");
        assertThat(buyer.order(orderId).get("unitPrice").decimalValue()).isEqualByComparingTo("10");
    }

    @Test
    void theBuyerCancelsAnUnpaidOrderAndTheUnitsComeBack() {
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("opera", 15, 1);
        String orderId = buyer.orderOk(ticket, 1);
        market.awaitAvailable(ticket, 0);

        assertThat(buyer.http().delete("/api/orders/" + orderId).status()).isEqualTo(204);
        JsonNode cancelled = buyer.order(orderId);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(buyer.http().delete("/api/orders/" + orderId).status())
                .as("cancelling twice")
                .isEqualTo(204);
        market.awaitAvailable(ticket, 1);

        var late = buyer.pay(orderId);
        if (late.status() == 201) {
            buyer.awaitBalance("500"); // the payment overtook the cancellation: it is refunded
        } else {
            assertThat(late.status()).isEqualTo(400);
            assertThat(late.errorMessages()).containsExactly("Cannot pay for an cancelled order");
        }
        buyer.awaitBalance("500");
        assertThat(buyer.awaitFinal(orderId).get("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void anUnpaidOrderExpiresAndTheUnitsComeBack() {
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("expiring", 5, 1);
        String orderId = buyer.orderOk(ticket, 1);

        JsonNode expired = buyer.awaitFinal(orderId);
        assertThat(expired.get("status").asString()).isEqualTo("cancelled");
        assertThat(expired.get("outcome").asString()).isEqualTo("EXPIRED");
        assertThat(Instant.now())
                .isAfterOrEqualTo(Instant.parse(expired.get("expiresAt").asString()));
        market.awaitAvailable(ticket, 1);
        var late = buyer.http().post("/api/payments", Map.of("orderId", orderId));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.errorMessages()).containsAnyOf("Order has expired", "Cannot pay for an cancelled order");
        buyer.awaitBalance("500");
    }

    @Test
    void aPaymentTheWalletCannotCoverCancelsTheOrder() {
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("too dear", 600, 1);
        String orderId = buyer.orderOk(ticket, 1);

        var refused = buyer.pay(orderId);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorMessages()).containsExactly("Insufficient funds");
        JsonNode order = buyer.awaitFinal(orderId);
        assertThat(order.get("outcome").asString()).isEqualTo("INSUFFICIENT_FUND");
        assertThat(buyer.balance()).isEqualByComparingTo("500");
        market.awaitAvailable(ticket, 1);
    }

    @Test
    void orderingRulesAreEnforced() {
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("rules", 1, 20);

        var own = seller.order(ticket, 1, Map.of());
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.errorMessages()).containsExactly("You cannot buy your own ticket");

        var unknown = buyer.http()
                .post("/api/orders", Map.of("ticketId", UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(404);
        var invalid = buyer.http().post("/api/orders", Map.of("ticketId", ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorMessages()).contains("TicketId must be provided");
        assertThat(new Http(Stack.get().url())
                        .post("/api/orders", Map.of("ticketId", ticket))
                        .status())
                .isEqualTo(401);

        for (int i = 0; i < 10; i++) {
            buyer.orderOk(ticket, 1);
        }
        var eleventh = buyer.order(ticket, 1, Map.of());
        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.errorMessages()).containsExactly("Too many unpaid orders");

        var tooMany = market.person().order(ticket, 11, Map.of());
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.errorMessages()).containsExactly("Ticket is already reserved");
    }

    @Test
    void oneUserCannotSeeOrPayAnotherUsersOrder() {
        var seller = market.person();
        var buyer = market.person();
        var stranger = market.person();
        String orderId = buyer.orderOk(seller.list("private", 5, 1), 1);

        assertThat(stranger.http().get("/api/orders/" + orderId).status()).isEqualTo(401);
        assertThat(stranger.http().get("/api/orders/" + orderId + "/timeline").status())
                .isEqualTo(401);
        assertThat(stranger.http().delete("/api/orders/" + orderId).status()).isEqualTo(401);
        var pay = Eventually.await(
                "the order replicated to payments",
                Duration.ofSeconds(30),
                () -> stranger.http().post("/api/payments", Map.of("orderId", orderId)),
                r -> r.status() != 404);
        assertThat(pay.status()).isEqualTo(401);
        assertThat(stranger.http()
                        .get("/api/orders")
                        .json()
                        .valueStream()
                        .map(o -> o.get("id").asString()))
                .doesNotContain(orderId);
        assertThat(stranger.balance()).isEqualByComparingTo("500");
    }
}
