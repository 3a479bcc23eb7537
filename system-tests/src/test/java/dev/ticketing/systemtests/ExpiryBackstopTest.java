package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Invariant 3 when the expiration service is stuck (frozen, so the launcher does not restart it): orders expires
 * the unpaid order itself, within the bound the README states: {@code expiresAt} + the expiry grace (5 s here)
 * + the sweep interval (1 s), plus a few seconds for a loaded machine.
 */
@ExtendWith(StackExtension.class)
class ExpiryBackstopTest {

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration SLACK = Duration.ofSeconds(1 + 5);

    private final Stack stack = Stack.get();
    private final Marketplace market = new Marketplace(stack.url());

    @Test
    void anUnpaidOrderExpiresWhileTheExpirationServiceIsFrozen() {
        stack.awaitAllReady(Duration.ofSeconds(90));
        var seller = market.person();
        var buyer = market.person();
        String ticket = seller.list("frozen timer", 20, 2);
        String orderId = buyer.orderOk(ticket, 2);
        Instant expiresAt = Instant.parse(buyer.order(orderId).get("expiresAt").asString());

        stack.freeze("expiration");
        JsonNode order;
        try {
            Duration bound =
                    Duration.between(Instant.now(), expiresAt.plus(GRACE).plus(SLACK));
            order = Eventually.await(
                    "the order expired by orders itself",
                    bound,
                    () -> buyer.order(orderId),
                    o -> "cancelled".equals(o.get("status").asString()));
        } finally {
            stack.thaw("expiration");
        }

        assertThat(order.get("outcome").asString()).isEqualTo("EXPIRED");
        assertThat(buyer.timeline(orderId))
                .anySatisfy(step -> assertThat(step.get("service").asString()).isEqualTo("orders"))
                .extracting(step -> step.get("detail").asString())
                .anySatisfy(detail -> assertThat(detail).startsWith("reservation expired before payment"));
        market.awaitAvailable(ticket, 2);
        assertThat(buyer.pay(orderId).status()).isEqualTo(400);
    }
}
