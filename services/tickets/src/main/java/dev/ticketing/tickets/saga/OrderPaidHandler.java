package dev.ticketing.tickets.saga;

import dev.ticketing.contracts.DeliveryFailure;
import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderPaid;
import dev.ticketing.contracts.FaultPlan;
import dev.ticketing.contracts.FaultPlan.Step;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import dev.ticketing.platform.messaging.RetryLater;
import dev.ticketing.platform.messaging.fault.FaultInjection;
import dev.ticketing.tickets.saga.domain.Reservation;
import dev.ticketing.tickets.saga.domain.ReservationStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The delivery step: ORDER.paid sells the held units and issues one e-ticket per unit (TICKET.delivered), or
 * fails (TICKET.delivery-failed) when nothing is held for the order any more.
 */
@Component
class OrderPaidHandler implements EventHandler<OrderPaid> {

    private final ReservationRepository reservations;
    private final ListingStock stock;
    private final ETickets eTickets;
    private final SagaReplies replies;
    private final FaultInjection faults;
    private final LateAnswers lateAnswers;
    private final SagaProperties properties;
    private final Clock clock;

    OrderPaidHandler(
            ReservationRepository reservations,
            ListingStock stock,
            ETickets eTickets,
            SagaReplies replies,
            FaultInjection faults,
            LateAnswers lateAnswers,
            SagaProperties properties,
            Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.eTickets = eTickets;
        this.replies = replies;
        this.faults = faults;
        this.lateAnswers = lateAnswers;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public EventType<OrderPaid> eventType() {
        return Events.ORDER_PAID;
    }

    /**
     * The listing whose stock row it moves (see {@link OrderCreatedHandler#lockKey}). ORDER.paid does not name it,
     * so the order's reservation tells (a listing never changes for a reservation); "" when there is none yet.
     */
    @Override
    public String lockKey(InboundEvent<OrderPaid> event) {
        try {
            return reservations
                    .listingOf(UUID.fromString(event.data().id()))
                    .map(UUID::toString)
                    .orElse("");
        } catch (IllegalArgumentException | NullPointerException e) { // not an order id: handle() says why
            return "";
        }
    }

    @Override
    public void handle(InboundEvent<OrderPaid> event) {
        UUID orderId = UUID.fromString(event.data().id());
        // ORDER.created and ORDER.paid have different consumers: with no row at all, the reservation is most
        // likely still on its way, not missing; if it never comes, the platform parks this event in the end
        Reservation reservation = reservations
                .lock(orderId)
                .orElseThrow(() -> new RetryLater(
                        "No reservation of order " + orderId + " yet",
                        properties.reservationWaitAfter(event.deliveryCount())));
        FaultPlan plan = faults.plan(event.data().id(), event); // or, without the header, ORDER.created's
        switch (reservation.onPaid()) {
            case Reservation.OnPaid.AlreadyDelivered() -> {
                // a duplicate: TICKET.delivered was sent with the first one
            }
            case Reservation.OnPaid.Refuse() ->
                replies.deliveryFailed(orderId, reservation.listingId(), DeliveryFailure.DELIVERY_FAILED);
            case Reservation.OnPaid.Deliver() ->
                deliver(reservation, plan, event.envelope().occurredAt());
        }
    }

    private void deliver(Reservation reservation, FaultPlan plan, Instant paidAt) {
        if (plan.has(Step.DELIVERY, FaultPlan.Mode.FAIL)) {
            // the units stay held: the cancellation that follows releases them
            replies.deliveryFailed(reservation.orderId(), reservation.listingId(), DeliveryFailure.UNKNOWN);
            return;
        }
        if (plan.has(Step.DELIVERY, FaultPlan.Mode.TIMEOUT)) {
            lateAnswers.answerLate(paidAt);
        }
        Instant now = clock.instant();
        ListingStock.Moved listing = stock.sell(reservation.listingId(), reservation.quantity(), now);
        reservations.setStatus(reservation.orderId(), ReservationStatus.SOLD, now);
        eTickets.issue(
                reservation.listingId(), reservation.orderId(), reservation.buyerId(), reservation.quantity(), now);
        replies.delivered(reservation.orderId(), listing, reservation.quantity());
        if (plan.has(Step.DELIVERY, FaultPlan.Mode.CRASH)) {
            faults.crashOnceAfterCommit(reservation.orderId().toString(), Step.DELIVERY);
        }
    }
}
