package dev.ticketing.expiration.timer;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderPaid;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ORDER.paid → the order's timer is dropped: a paid order can no longer expire. Left in place, the timer would fire
 * at the reservation's end for nothing: an event, a transaction here and one in orders (which ignores the expiry of
 * an order that is not awaiting payment) for every purchase. A payment applied before its ORDER.created (another
 * durable consumer) leaves that order's timer to fire and be ignored, as before.
 */
@Component
class OrderPaidHandler implements EventHandler<OrderPaid> {

    private static final Logger log = LoggerFactory.getLogger(OrderPaidHandler.class);

    private final OrderTimers timers;

    OrderPaidHandler(OrderTimers timers) {
        this.timers = timers;
    }

    @Override
    public EventType<OrderPaid> eventType() {
        return Events.ORDER_PAID;
    }

    @Override
    public void handle(InboundEvent<OrderPaid> event) {
        String orderId = event.data().id();
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("ORDER.paid " + event.envelope().eventId() + " lacks the order id");
        }
        if (timers.drop(orderId)) {
            log.debug("Order {} paid: its timer is dropped", orderId);
        }
    }
}
