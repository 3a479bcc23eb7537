package dev.ticketing.payments.orders;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCreated;
import dev.ticketing.payments.domain.Order;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.domain.Money;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.springframework.stereotype.Component;

/**
 * ORDER.created → the order enters the replica, with the fault-injection plan it carries and the trace it belongs
 * to (the payment continues that trace, decision 60).
 */
@Component
class OrderCreatedHandler implements EventHandler<OrderCreated> {

    private final OrderReplica replica;

    OrderCreatedHandler(OrderReplica replica) {
        this.replica = replica;
    }

    @Override
    public EventType<OrderCreated> eventType() {
        return Events.ORDER_CREATED;
    }

    @Override
    public void handle(InboundEvent<OrderCreated> event) {
        OrderCreated data = event.data();
        replica.insert(new Order(data.id(), data.userId(), data.ticket().sellerId(), data.ticket().id(),
                data.quantity(), Money.of(data.unitPrice()), Order.totalOf(data.unitPrice(), data.quantity()),
                data.status(), data.expiresAt(), data.version(),
                event.faultInjection().orElse(null)), event.traceparent().orElse(null));
    }
}
