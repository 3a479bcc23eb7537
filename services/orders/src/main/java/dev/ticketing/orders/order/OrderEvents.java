package dev.ticketing.orders.order;

import dev.ticketing.contracts.Events;
import dev.ticketing.orders.order.domain.Order;
import dev.ticketing.orders.order.domain.OrderEvent;
import dev.ticketing.platform.messaging.Outbox;
import dev.ticketing.platform.messaging.fault.FaultInjection;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Publishes an order's events (docs/asyncapi.yaml) through the outbox, each with the order's {@code fault-injection}
 * plan when it has one (remembered by the fault-injection seam, not by the order).
 */
@Component
class OrderEvents {

    private final Outbox outbox;
    private final FaultInjection faults;

    OrderEvents(Outbox outbox, FaultInjection faults) {
        this.outbox = outbox;
        this.faults = faults;
    }

    void created(Order order) {
        var listing = new Events.OrderTicket(order.listingId().toString(), order.unitPrice(), order.sellerId());
        outbox.append(
                Events.ORDER_CREATED,
                order.id().toString(),
                order.version(),
                new Events.OrderCreated(
                        order.id().toString(),
                        order.version(),
                        order.userId(),
                        order.status(),
                        order.expiresAt(),
                        order.quantity(),
                        order.unitPrice(),
                        listing),
                headers(order));
    }

    /** The event of a transition; {@code order} is the order after it. */
    void publish(Order order, OrderEvent event) {
        String id = order.id().toString();
        switch (event) {
            case OrderEvent.Paid paid ->
                outbox.append(
                        Events.ORDER_PAID,
                        id,
                        paid.version(),
                        new Events.OrderPaid(id, paid.version(), paid.paymentId()),
                        headers(order));
            case OrderEvent.Completed completed ->
                outbox.append(
                        Events.ORDER_COMPLETED,
                        id,
                        completed.version(),
                        new Events.OrderCompleted(id, completed.version()),
                        headers(order));
            case OrderEvent.Cancelled cancelled ->
                outbox.append(
                        Events.ORDER_CANCELLED,
                        id,
                        cancelled.version(),
                        new Events.OrderCancelled(
                                id,
                                cancelled.version(),
                                cancelled.outcome(),
                                new Events.TicketRef(order.listingId().toString()),
                                order.quantity()),
                        headers(order));
        }
    }

    private Map<String, String> headers(Order order) {
        return faults.headers(order.id().toString());
    }
}
