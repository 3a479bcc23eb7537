package dev.ticketing.orders.order;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.orders.OrdersProperties;
import dev.ticketing.orders.order.domain.Transition;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The answers of the other services, each turned into one decision of the order aggregate (docs/saga.md, "event
 * at orders"). Every handler runs in the platform's transaction with its inbox row, so a redelivered event is
 * applied once; an event naming an order we do not know is acknowledged and logged, never retried forever.
 */
@Configuration(proxyBeanMethods = false)
class SagaHandlers {

    private static final Logger log = LoggerFactory.getLogger(SagaHandlers.class);

    private final OrderTransitions transitions;
    private final Timeline timeline;
    private final OrdersProperties properties;

    SagaHandlers(OrderTransitions transitions, Timeline timeline, OrdersProperties properties) {
        this.transitions = transitions;
        this.timeline = timeline;
        this.properties = properties;
    }

    /** The inventory step's answer: tickets holds the order's units (docs/saga.md). */
    @Bean
    EventHandler<Events.TicketReserved> reservedHandler() {
        return handler(
                Events.TICKET_RESERVED,
                Events.TicketReserved::orderId,
                (id, event) -> transitions.apply(
                        id,
                        Timeline.Source.RESERVE,
                        (order, now) ->
                                order.listingId().toString().equals(event.data().ticketId())
                                        ? order.confirmReservation(now)
                                        : new Transition.Illegal("tickets confirmed units of listing "
                                                + event.data().ticketId() + " for an order of listing "
                                                + order.listingId())));
    }

    @Bean
    EventHandler<Events.TicketReservationRejected> reservationRejectedHandler() {
        return handler(
                Events.TICKET_RESERVATION_REJECTED,
                Events.TicketReservationRejected::orderId,
                (id, event) -> transitions.apply(
                        id,
                        Timeline.Source.RESERVE,
                        (order, now) -> order.rejectReservation(event.data().reason(), now)));
    }

    @Bean
    EventHandler<Events.PaymentCreated> paymentCreatedHandler() {
        return handler(
                Events.PAYMENT_CREATED,
                Events.PaymentCreated::orderId,
                (id, event) -> transitions.apply(
                        id,
                        Timeline.Source.PAYMENT,
                        (order, now) ->
                                order.pay(event.data().id(), properties.saga().deliveryTimeout(), now)));
    }

    @Bean
    EventHandler<Events.PaymentFailed> paymentFailedHandler() {
        return handler(
                Events.PAYMENT_FAILED,
                Events.PaymentFailed::orderId,
                (id, event) -> transitions.apply(
                        id,
                        Timeline.Source.PAYMENT,
                        (order, now) -> order.failPayment(event.data().outcome(), now)));
    }

    /** Refunds are the payments service's business; the buyer sees them on the timeline. */
    @Bean
    EventHandler<Events.PaymentRefunded> paymentRefundedHandler() {
        return handler(
                Events.PAYMENT_REFUNDED,
                Events.PaymentRefunded::orderId,
                (id, event) -> timeline.appendIfOrderExists(
                        id,
                        Timeline.Source.PAYMENT,
                        "refunded " + event.data().amount() + " (payment "
                                + event.data().id() + ")"));
    }

    @Bean
    EventHandler<Events.ExpirationComplete> expirationCompleteHandler() {
        return handler(
                Events.EXPIRATION_COMPLETE,
                Events.ExpirationComplete::orderId,
                (id, event) -> transitions.apply(id, Timeline.Source.EXPIRATION, (order, now) -> order.expire(now)));
    }

    @Bean
    EventHandler<Events.TicketDelivered> deliveredHandler() {
        return handler(
                Events.TICKET_DELIVERED,
                Events.TicketDelivered::orderId,
                (id, event) -> transitions.apply(id, Timeline.Source.DELIVERY, (order, now) -> order.deliver(now)));
    }

    @Bean
    EventHandler<Events.TicketDeliveryFailed> deliveryFailedHandler() {
        return handler(
                Events.TICKET_DELIVERY_FAILED,
                Events.TicketDeliveryFailed::orderId,
                (id, event) -> transitions.apply(
                        id,
                        Timeline.Source.DELIVERY,
                        (order, now) -> order.failDelivery(event.data().reason(), now)));
    }

    /** What a handler does with the order an event names; it returns whether that order was known. */
    @FunctionalInterface
    interface OrderStep<T> {
        Optional<?> apply(UUID orderId, InboundEvent<T> event);
    }

    private static <T> EventHandler<T> handler(EventType<T> type, Function<T, String> orderIdOf, OrderStep<T> step) {
        // every handler here locks the row of its order first, so batches take those locks in one order (decision 73)
        return EventHandler.of(type, orderIdOf, event -> {
            Consumer<String> unknown = why ->
                    log.warn("{} {} names {}: ignored", type, event.envelope().eventId(), why);
            String orderId = orderIdOf.apply(event.data());
            Optional<UUID> id = OrderIds.parse(orderId);
            if (id.isEmpty()) {
                unknown.accept("no valid order id (" + orderId + ")");
            } else if (step.apply(id.get(), event).isEmpty()) {
                unknown.accept("an unknown order " + orderId);
            }
        });
    }
}
