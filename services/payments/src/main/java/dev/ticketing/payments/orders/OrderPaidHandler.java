package dev.ticketing.payments.orders;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderPaid;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.springframework.stereotype.Component;

/** ORDER.paid → replica only. */
@Component
class OrderPaidHandler implements EventHandler<OrderPaid> {

    private final ReplicaUpdates updates;

    OrderPaidHandler(ReplicaUpdates updates) {
        this.updates = updates;
    }

    @Override
    public EventType<OrderPaid> eventType() {
        return Events.ORDER_PAID;
    }

    @Override
    public void handle(InboundEvent<OrderPaid> event) {
        updates.apply(event.data().id(), event.data().version(), OrderStatus.PAID);
    }
}
