package dev.ticketing.expiration.timer;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCancelled;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ORDER.cancelled → the order's timer is dropped. The cancellation is remembered too: ORDER.created and
 * ORDER.cancelled travel through different durable consumers, so the cancel may be applied first.
 */
@Component
class OrderCancelledHandler implements EventHandler<OrderCancelled> {

    private static final Logger log = LoggerFactory.getLogger(OrderCancelledHandler.class);

    private final OrderTimers timers;

    OrderCancelledHandler(OrderTimers timers) {
        this.timers = timers;
    }

    @Override
    public EventType<OrderCancelled> eventType() {
        return Events.ORDER_CANCELLED;
    }

    @Override
    public void handle(InboundEvent<OrderCancelled> event) {
        String orderId = event.data().id();
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException(
                    "ORDER.cancelled " + event.envelope().eventId() + " lacks the order id");
        }
        timers.rememberCancelled(orderId);
        if (timers.drop(orderId)) {
            log.debug("Order {} cancelled: its timer is dropped", orderId);
        }
    }
}
