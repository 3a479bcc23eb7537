package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that talks to several services in a row sees its own writes (docs/decisions/0014): every call below
 * follows the previous one at once, with no waiting and no retry, and gets exactly the answer of docs/api.md. Each
 * scenario is repeated by several clients at the same time: a stale replica shows up only now and then, and more
 * often while the consumers are busy with the traffic of others.
 */
@ExtendWith(StackExtension.class)
class ReadYourWritesTest {

    private static final int ROUNDS = 10;
    private static final int CLIENTS = 3;

    private final Marketplace market = new Marketplace(Stack.get().url());

    @Test
    void anOrderForAListingCreatedAMomentAgoIsCreated() {
        everyClient((seller, buyer, round) -> {
            String ticket = seller.list("fresh " + round, 10, 1);

            var ordered = orderNow(buyer, ticket);

            assertThat(ordered.status()).as("round %d: %s", round, ordered).isEqualTo(201);
            assertThat(ordered.json().get("status").asString()).isEqualTo("created");
            assertThat(ordered.json().get("ticket").get("id").asString()).isEqualTo(ticket);
            cancel(buyer, ordered.json().get("id").asString()); // stays below the unpaid-orders limit
        });
    }

    @Test
    void aListingOrderedAMomentAgoCannotBeEdited() {
        everyClient((seller, buyer, round) -> {
            String ticket = seller.list("wanted " + round, 10, 1);
            String orderId = created(orderNow(buyer, ticket), round);

            var edited = seller.http().put("/api/tickets/" + ticket, Map.of("title", "changed", "price", 99));

            assertThat(edited.status()).as("round %d: %s", round, edited).isEqualTo(400);
            assertThat(edited.errorMessages()).containsExactly("Cannot edit a reserved ticket");
            cancel(buyer, orderId);
        });
    }

    @Test
    void anOrderCancelledAMomentAgoCannotBePaid() {
        everyClient((seller, buyer, round) -> {
            String ticket = seller.list("dropped " + round, 10, 1);
            String orderId = created(orderNow(buyer, ticket), round);
            cancel(buyer, orderId);

            var paid = payNow(buyer, orderId);

            assertThat(paid.status()).as("round %d: %s", round, paid).isEqualTo(400);
            assertThat(paid.errorMessages()).containsExactly("Cannot pay for an cancelled order");
        });
    }

    @Test
    void anOrderPaidAMomentAgoCannotBeCancelled() {
        everyClient((seller, buyer, round) -> {
            String ticket = seller.list("kept " + round, 10, 1);
            String orderId = created(orderNow(buyer, ticket), round);
            var paid = payNow(buyer, orderId);
            assertThat(paid.status()).as("round %d: %s", round, paid).isEqualTo(201);

            var cancelled = buyer.http().delete("/api/orders/" + orderId);

            assertThat(cancelled.status()).as("round %d: %s", round, cancelled).isEqualTo(400);
            assertThat(cancelled.errorMessages()).containsExactly("Cannot cancel a paid order");
        });
    }

    @Test
    void anOrderCreatedAMomentAgoCanBePaid() {
        everyClient((seller, buyer, round) -> {
            String ticket = seller.list("bought " + round, 10, 1);
            String orderId = created(orderNow(buyer, ticket), round);

            var paid = payNow(buyer, orderId);

            assertThat(paid.status()).as("round %d: %s", round, paid).isEqualTo(201);
            assertThat(paid.json().get("orderId").asString()).isEqualTo(orderId);
            assertThat(paid.json().get("status").asString()).isEqualTo("SUCCESS");
        });
    }

    /** What one client does in one round. */
    @FunctionalInterface
    private interface Round {
        void run(Marketplace.Person seller, Marketplace.Person buyer, int round);
    }

    /** Every client (a seller and a buyer of their own) plays {@code ROUNDS} rounds, all clients at once. */
    private void everyClient(Round round) {
        Concurrently.run(CLIENTS, client -> {
            var seller = market.person();
            var buyer = market.person();
            for (int i = 0; i < ROUNDS; i++) {
                round.run(seller, buyer, i);
            }
            return client;
        });
    }

    /** One attempt, unlike {@link Marketplace.Person#order}, which waits for the replica. */
    private static Http.Response orderNow(Marketplace.Person buyer, String ticket) {
        return buyer.http().post("/api/orders", Map.of("ticketId", ticket, "quantity", 1));
    }

    /** One attempt, unlike {@link Marketplace.Person#pay}, which waits for the replica. */
    private static Http.Response payNow(Marketplace.Person buyer, String orderId) {
        return buyer.http().post("/api/payments", Map.of("orderId", orderId));
    }

    private static String created(Http.Response ordered, int round) {
        assertThat(ordered.status()).as("round %d: %s", round, ordered).isEqualTo(201);
        return ordered.json().get("id").asString();
    }

    private static void cancel(Marketplace.Person buyer, String orderId) {
        var cancelled = buyer.http().delete("/api/orders/" + orderId);
        assertThat(cancelled.status()).as("cancel %s", cancelled).isEqualTo(204);
    }
}
