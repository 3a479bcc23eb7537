package dev.ticketing.payments.payment;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCompleted;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.orders.ReplicaUpdates;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.springframework.stereotype.Component;

/**
 * ORDER.completed → replica, and the seller is credited the order total (exactly once, see SellerPayouts). Like
 * OrderCancelledHandler it lives with the payments: the payout is theirs, the replica only records the status.
 */
@Component
class OrderCompletedHandler implements EventHandler<OrderCompleted> {

    private final ReplicaUpdates updates;
    private final SellerPayouts payouts;

    OrderCompletedHandler(ReplicaUpdates updates, SellerPayouts payouts) {
        this.updates = updates;
        this.payouts = payouts;
    }

    @Override
    public EventType<OrderCompleted> eventType() {
        return Events.ORDER_COMPLETED;
    }

    @Override
    public void handle(InboundEvent<OrderCompleted> event) {
        updates.apply(event.data().id(), event.data().version(), OrderStatus.COMPLETE)
                .ifPresent(payouts::creditSeller);
    }
}
