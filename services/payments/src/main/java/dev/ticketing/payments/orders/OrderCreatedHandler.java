package dev.ticketing.payments.orders;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCreated;
import dev.ticketing.payments.orders.domain.Order;
import dev.ticketing.payments.wallet.domain.Money;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import dev.ticketing.platform.messaging.fault.FaultInjection;
import org.springframework.stereotype.Component;

/**
 * ORDER.created → the order enters the replica, with the trace it belongs to (the payment continues that trace,
 * decision 60); the fault-injection plan it carries is remembered for the payment, which no event starts.
 */
@Component
class OrderCreatedHandler implements EventHandler<OrderCreated> {

    private final OrderReplica replica;
    private final FaultInjection faults;

    OrderCreatedHandler(OrderReplica replica, FaultInjection faults) {
        this.replica = replica;
        this.faults = faults;
    }

    @Override
    public EventType<OrderCreated> eventType() {
        return Events.ORDER_CREATED;
    }

    @Override
    public void handle(InboundEvent<OrderCreated> event) {
        OrderCreated data = event.data();
        replica.insert(
                new Order(
                        data.id(),
                        data.userId(),
                        data.ticket().sellerId(),
                        data.ticket().id(),
                        data.quantity(),
                        Money.of(data.unitPrice()),
                        Order.totalOf(data.unitPrice(), data.quantity()),
                        data.status(),
                        data.expiresAt(),
                        data.version()),
                event.traceparent().orElse(null));
        faults.remember(data.id(), faults.plan(data.id(), event));
    }
}
