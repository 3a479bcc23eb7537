package dev.ticketing.payments.payment;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCancelled;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.orders.ReplicaUpdates;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.springframework.stereotype.Component;

/**
 * ORDER.cancelled → replica, and a captured payment of the order is refunded (exactly once, see Refunds). The
 * replica row is locked while this runs, so a payment racing with the cancellation is either refused or refunded.
 * It lives with the payments, not with the replica: the refund is a payment use case, and the replica does not need
 * to know what money an order holds.
 */
@Component
class OrderCancelledHandler implements EventHandler<OrderCancelled> {

    private final ReplicaUpdates updates;
    private final Refunds refunds;

    OrderCancelledHandler(ReplicaUpdates updates, Refunds refunds) {
        this.updates = updates;
        this.refunds = refunds;
    }

    @Override
    public EventType<OrderCancelled> eventType() {
        return Events.ORDER_CANCELLED;
    }

    @Override
    public void handle(InboundEvent<OrderCancelled> event) {
        updates.apply(event.data().id(), event.data().version(), OrderStatus.CANCELLED)
                .ifPresent(order -> refunds.refundIfCaptured(order.id()));
    }
}
