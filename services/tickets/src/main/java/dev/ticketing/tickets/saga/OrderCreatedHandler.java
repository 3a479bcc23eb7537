package dev.ticketing.tickets.saga;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCreated;
import dev.ticketing.contracts.Events.OrderTicket;
import dev.ticketing.contracts.FaultPlan;
import dev.ticketing.contracts.FaultPlan.Step;
import dev.ticketing.contracts.ReservationRejection;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import dev.ticketing.platform.messaging.fault.FaultInjection;
import dev.ticketing.tickets.saga.domain.Reservation;
import dev.ticketing.tickets.saga.domain.ReservationStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The inventory step: ORDER.created holds the order's units on the listing (confirmed by TICKET.reserved, the
 * step's own answer) or is rejected (TICKET.reservation-rejected). An order that already has a row (a duplicate, or
 * the tombstone of a cancel that overtook it) reserves nothing.
 */
@Component
class OrderCreatedHandler implements EventHandler<OrderCreated> {

    private static final Logger log = LoggerFactory.getLogger(OrderCreatedHandler.class);

    private final ReservationRepository reservations;
    private final ListingStock stock;
    private final SagaReplies replies;
    private final FaultInjection faults;
    private final LateAnswers lateAnswers;
    private final Clock clock;

    OrderCreatedHandler(
            ReservationRepository reservations,
            ListingStock stock,
            SagaReplies replies,
            FaultInjection faults,
            LateAnswers lateAnswers,
            Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.replies = replies;
        this.faults = faults;
        this.lateAnswers = lateAnswers;
        this.clock = clock;
    }

    @Override
    public EventType<OrderCreated> eventType() {
        return Events.ORDER_CREATED;
    }

    /** The listing whose stock row it moves: tickets' saga consumers take a batch's listings in one order. */
    @Override
    public String lockKey(InboundEvent<OrderCreated> event) {
        OrderTicket ticket = event.data().ticket();
        return ticket == null || ticket.id() == null ? "" : ticket.id();
    }

    @Override
    public void handle(InboundEvent<OrderCreated> event) {
        OrderCreated order = event.data();
        UUID orderId = UUID.fromString(order.id());
        FaultPlan plan = faults.plan(order.id(), event);
        if (plan.has(Step.RESERVE, FaultPlan.Mode.TIMEOUT)) {
            // a slow step is slow whatever happened to the order meanwhile: put it off before looking
            lateAnswers.answerLate(event.envelope().occurredAt());
        }
        UUID listingId = UUID.fromString(order.ticket().id());
        Instant now = clock.instant();
        var held = new Reservation(orderId, listingId, order.userId(), order.quantity(), ReservationStatus.HELD);
        // the row first: it locks the order id, so a concurrent duplicate waits here and then finds it
        if (!reservations.insert(held, now)) {
            log.debug("Order {} already has a reservation row: nothing to reserve", orderId);
            return;
        }
        faults.remember(order.id(), plan); // for ORDER.paid, should it come without the plan
        reserve(held, plan, now);
        if (plan.has(Step.RESERVE, FaultPlan.Mode.CRASH)) {
            faults.crashOnceAfterCommit(order.id(), Step.RESERVE);
        }
    }

    private void reserve(Reservation held, FaultPlan plan, Instant now) {
        if (plan.has(Step.RESERVE, FaultPlan.Mode.FAIL)) {
            reject(held, ReservationRejection.UNKNOWN, now);
            return;
        }
        Optional<ListingStock.Moved> reserved = stock.reserve(held.listingId(), held.quantity(), now);
        if (reserved.isPresent()) {
            replies.reserved(held.orderId(), reserved.get(), held.quantity());
        } else {
            reject(held, ReservationRejection.INSUFFICIENT_INVENTORY, now);
        }
    }

    private void reject(Reservation held, ReservationRejection reason, Instant now) {
        reservations.setStatus(held.orderId(), ReservationStatus.REJECTED, now);
        replies.reservationRejected(held.orderId(), held.listingId(), reason);
    }
}
