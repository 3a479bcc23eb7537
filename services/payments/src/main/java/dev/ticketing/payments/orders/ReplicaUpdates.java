package dev.ticketing.payments.orders;

import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.orders.domain.Order;
import dev.ticketing.platform.messaging.ReplicaVersion;
import dev.ticketing.platform.messaging.RetryLater;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Applies an ORDER.* status change to the replica by the versioning rule of docs/asyncapi.yaml: on top of the version
 * before it; older → skipped; gap (or the order not replicated yet) → redelivered later.
 * Public for the ORDER.* handlers of the payment package, which act on the money of the order in the same
 * transaction (refund on cancellation, payout on completion).
 */
@Component
public class ReplicaUpdates {

    static final Duration GAP_RETRY = Duration.ofSeconds(1);

    private final OrderReplica replica;

    ReplicaUpdates(OrderReplica replica) {
        this.replica = replica;
    }

    /** The order after the change when it was applied now; empty when it had been applied already. */
    public Optional<Order> apply(String orderId, long version, OrderStatus status) {
        Optional<Order> applied = replica.updateIfNext(orderId, status, version);
        if (applied.isPresent()) {
            return applied;
        }
        // not on top of the replica's version: look under the row lock what it is instead
        Order current = replica.lock(orderId)
                .orElseThrow(() -> new RetryLater("order " + orderId + " is not replicated yet", GAP_RETRY));
        return switch (ReplicaVersion.decide(current.version(), version)) {
            case SKIP -> Optional.empty();
            case GAP ->
                throw new RetryLater(
                        "order " + orderId + " is at version " + current.version() + ", event has " + version,
                        GAP_RETRY);
            // another delivery moved the replica up to the version before this one meanwhile; held now, it applies
            case APPLY -> replica.updateIfNext(orderId, status, version);
        };
    }
}
