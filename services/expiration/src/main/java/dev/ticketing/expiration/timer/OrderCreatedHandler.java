package dev.ticketing.expiration.timer;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCreated;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** ORDER.created → a timer at the order's {@code expiresAt}, in the inbox transaction. */
@Component
class OrderCreatedHandler implements EventHandler<OrderCreated> {

    private static final Logger log = LoggerFactory.getLogger(OrderCreatedHandler.class);

    private final OrderTimers timers;

    OrderCreatedHandler(OrderTimers timers) {
        this.timers = timers;
    }

    @Override
    public EventType<OrderCreated> eventType() {
        return Events.ORDER_CREATED;
    }

    @Override
    public void handle(InboundEvent<OrderCreated> event) {
        OrderCreated order = event.data();
        // an order without id or deadline can never be expired: a producer bug, so fail and dead-letter it
        if (order.id() == null || order.id().isBlank() || order.expiresAt() == null) {
            throw new IllegalArgumentException(
                    "ORDER.created " + event.envelope().eventId() + " lacks the order id or expiresAt");
        }
        if (timers.schedule(order.id(), order.expiresAt(), event.traceparent().orElse(null))) {
            log.info("Order {} expires at {}", order.id(), order.expiresAt());
        } else {
            log.debug("No new timer for order {}: already scheduled, fired or cancelled", order.id());
        }
    }
}
