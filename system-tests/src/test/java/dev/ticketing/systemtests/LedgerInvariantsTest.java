package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Invariants 1 and 2 checked across the services' own databases after a mixed run: the money in every wallet plus
 * the money held for unfinished orders equals the credits ever granted; a completed order was captured once and
 * paid to its seller once; a cancelled order holds no money; e-tickets and sold units match the completed orders.
 * (Reading the databases is the test's privilege; the services never read each other's.)
 */
@ExtendWith(StackExtension.class)
class LedgerInvariantsTest {

    private final Stack stack = Stack.get();
    private final Marketplace market = new Marketplace(stack.url());

    private record Outcome(String orderId, String ticketId, JsonNode order) {}

    @Test
    void moneyUnitsAndETicketsAgreeAcrossServicesAfterAMixedRun() {
        List<Outcome> outcomes = Concurrently.run(12, i -> {
            var seller = market.person();
            var buyer = market.person();
            int price = i % 4 == 3 ? 700 : 15 + i; // every fourth one is more than a wallet holds
            String ticket = seller.list("mixed " + i, price, 3);
            String fault = switch (i % 6) {
                case 1 -> "payment=fail";
                case 2 -> "delivery=fail";
                default -> "";
            };
            var ordered =
                    buyer.order(ticket, 1 + i % 2, fault.isEmpty() ? Map.of() : Map.of("X-Fault-Injection", fault));
            assertThat(ordered.status()).as("order %s", ordered).isEqualTo(201);
            String orderId = ordered.json().get("id").asString();
            if (i % 5 == 4) {
                assertThat(buyer.http().delete("/api/orders/" + orderId).status())
                        .isEqualTo(204);
            } else {
                buyer.pay(orderId);
            }
            return new Outcome(orderId, ticket, buyer.awaitFinal(orderId));
        });
        assertThat(outcomes).extracting(o -> o.order().get("status").asString()).contains("complete", "cancelled");
        // refunds and seller credits follow the final state asynchronously: wait for the ledger to settle
        Eventually.await(
                "every completed order paid out and every cancelled one refunded",
                Marketplace.SAGA_TIMEOUT,
                () -> unsettled(outcomes),
                List::isEmpty);

        assertThat(conservationGap()).as("wallets + held - granted").isEqualByComparingTo("0");
        for (Outcome outcome : outcomes) {
            assertETicketsAndUnits(outcome);
        }
    }

    /** Orders whose money is not yet where their final state says it must be. */
    private List<String> unsettled(List<Outcome> outcomes) {
        var unsettled = new ArrayList<String>();
        for (Outcome outcome : outcomes) {
            long captured = count(
                    "payments",
                    "select count(*) from payments where order_id = ? and status = 'CAPTURED'",
                    outcome.orderId());
            long credited =
                    count("payments", "select count(*) from seller_credits where order_id = ?", outcome.orderId());
            boolean complete = "complete".equals(outcome.order().get("status").asString());
            if (complete ? captured != 1 || credited != 1 : captured != 0 || credited != 0) {
                unsettled.add(outcome.orderId() + " captured=" + captured + " credited=" + credited);
            }
        }
        return unsettled;
    }

    /** In one snapshot: every balance plus captured payments not yet paid out, minus every grant. */
    private BigDecimal conservationGap() {
        String sql = """
                select (select coalesce(sum(balance), 0) from wallets)
                     + (select coalesce(sum(amount), 0) from payments p where p.status = 'CAPTURED'
                           and not exists (select 1 from seller_credits c where c.order_id = p.order_id))
                     - (select coalesce(sum(amount), 0) from ledger where kind = 'GRANT')""";
        try (var c = stack.database("payments");
                var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertETicketsAndUnits(Outcome outcome) {
        boolean complete = "complete".equals(outcome.order().get("status").asString());
        int quantity = outcome.order().get("quantity").asInt();
        long codes = count(
                "tickets",
                "select count(*) from e_tickets where order_id = ?::uuid and revoked_at is null",
                outcome.orderId());
        assertThat(codes).as("e-tickets of %s", outcome.orderId()).isEqualTo(complete ? quantity : 0);
        JsonNode listing = market.awaitAvailable(outcome.ticketId(), complete ? 3 - quantity : 3);
        assertThat(listing.get("quantity").asInt()).isEqualTo(3);
    }

    private long count(String service, String sql, String parameter) {
        try (var c = stack.database(service);
                var statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
