package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Everyone wants the same concert at once: more buyers than units, all ordering in the same instant, on one hot
 * listing. Exactly the units are sold, everybody else is refused at once, every sale ends SUCCESS, nothing is
 * dead-lettered; and when the seller restocks at a new price, the listing sells again at once at that price.
 */
@ExtendWith(StackExtension.class)
class FlashSaleTest {

    private static final int UNITS = 30;
    private static final int BUYERS = 90;
    private static final List<String> SERVICES = List.of("auth", "tickets", "orders", "payments", "expiration");

    private final Stack stack = Stack.get();
    private final Marketplace market = new Marketplace(stack.url());

    private record Attempt(Marketplace.Person buyer, Http.Response response) {}

    @Test
    void aFlashSaleSellsExactlyItsUnitsAllSuccessfullyAndARestockSellsAtOnceAtItsNewPrice() throws SQLException {
        stack.awaitAllReady(java.time.Duration.ofSeconds(90));
        long deadLettersBefore = deadLetters();
        var seller = market.person();
        String ticket = seller.list("Flash sale", 1, UNITS);
        List<Marketplace.Person> buyers =
                IntStream.range(0, BUYERS).mapToObj(i -> market.person()).toList();
        market.awaitAvailable(ticket, UNITS);

        List<Attempt> attempts = Concurrently.run(
                BUYERS,
                i -> new Attempt(
                        buyers.get(i),
                        buyers.get(i).http().post("/api/orders", Map.of("ticketId", ticket, "quantity", 1))));

        List<Attempt> won =
                attempts.stream().filter(a -> a.response().status() == 201).toList();
        List<Attempt> refused =
                attempts.stream().filter(a -> a.response().status() != 201).toList();
        assertThat(won).hasSize(UNITS);
        assertThat(refused).hasSize(BUYERS - UNITS).allSatisfy(a -> {
            assertThat(a.response().status()).isEqualTo(400);
            assertThat(a.response().errorMessages()).containsExactly("Ticket is already reserved");
        });

        var orders = new ArrayList<String>();
        for (Attempt winner : won) {
            String orderId = winner.response().json().get("id").asString();
            orders.add(orderId);
            assertThat(winner.buyer().pay(orderId).status()).isEqualTo(201);
        }
        for (int i = 0; i < won.size(); i++) {
            JsonNode order = won.get(i).buyer().awaitFinal(orders.get(i));
            assertThat(order.get("outcome").asString())
                    .as("order %s", orders.get(i))
                    .isEqualTo("SUCCESS");
        }
        seller.awaitBalance(Integer.toString(500 + UNITS));
        assertThat(market.listing(ticket).get("available").asInt()).isZero();

        // the restock: more units at a new price, on sale at once
        var restocked = seller.http()
                .put("/api/tickets/" + ticket, Map.of("title", "Flash sale", "price", 2, "quantity", UNITS + 10));
        assertThat(restocked.status()).as("restock %s", restocked).isEqualTo(200);
        var late = market.person();
        var again = late.http().post("/api/orders", Map.of("ticketId", ticket, "quantity", 3));
        assertThat(again.status())
                .as("an order right after the restock %s", again)
                .isEqualTo(201);
        assertThat(again.json().get("unitPrice").decimalValue()).isEqualByComparingTo("2");
        assertThat(late.pay(again.json().get("id").asString()).status()).isEqualTo(201);
        assertThat(late.awaitFinal(again.json().get("id").asString())
                        .get("outcome")
                        .asString())
                .isEqualTo("SUCCESS");
        market.awaitAvailable(ticket, 7);

        assertThat(deadLetters()).as("nothing dead-lettered by the sale").isEqualTo(deadLettersBefore);
    }

    private long deadLetters() throws SQLException {
        long total = 0;
        for (String service : SERVICES) {
            try (var c = stack.database(service);
                    var rs = c.createStatement().executeQuery("select count(*) from messaging_dead_letter")) {
                rs.next();
                total += rs.getLong(1);
            }
        }
        return total;
    }
}
