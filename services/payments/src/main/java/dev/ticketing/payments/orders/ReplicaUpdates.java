package dev.ticketing.payments.orders;

import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.orders.domain.Order;
import dev.ticketing.platform.messaging.RetryLater;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Applies an order's final status (ORDER.completed, ORDER.cancelled) to the replica when it is newer than what the
 * replica has, whatever came between: payments follows only the order's creation and its end (decision 77), so
 * the versions it sees have gaps by design. Older or already applied → skipped; the order not replicated yet →
 * redelivered later.
 * Public for the ORDER.* handlers of the payment package, which act on the money of the order in the same
 * transaction (refund on cancellation, payout on completion).
 */
@Component
public class ReplicaUpdates {

    static final Duration NOT_REPLICATED_RETRY = Duration.ofSeconds(1);

    private final OrderReplica replica;

    ReplicaUpdates(OrderReplica replica) {
        this.replica = replica;
    }

    /** The order after the change when it was applied now; empty when the replica had this version or a newer one. */
    public Optional<Order> apply(String orderId, long version, OrderStatus status) {
        Optional<Order> applied = replica.updateIfNewer(orderId, status, version);
        if (applied.isPresent()) {
            return applied;
        }
        // not newer than the replica, or not replicated yet: look under the row lock which
        Order current = replica.lock(orderId)
                .orElseThrow(() -> new RetryLater("order " + orderId + " is not replicated yet", NOT_REPLICATED_RETRY));
        // ORDER.created may have been applied between the two statements; held now, the change applies
        return current.version() < version ? replica.updateIfNewer(orderId, status, version) : Optional.empty();
    }
}
