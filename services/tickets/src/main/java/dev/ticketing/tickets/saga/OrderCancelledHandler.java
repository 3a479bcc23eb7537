package dev.ticketing.tickets.saga;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCancelled;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import dev.ticketing.tickets.saga.domain.Reservation;
import dev.ticketing.tickets.saga.domain.ReservationStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Compensation: ORDER.cancelled releases held units, or revokes delivered e-tickets and gives their units back.
 * A cancel that overtakes its order leaves a RELEASED tombstone, so the late ORDER.created reserves nothing.
 */
@Component
class OrderCancelledHandler implements EventHandler<OrderCancelled> {

    private static final Logger log = LoggerFactory.getLogger(OrderCancelledHandler.class);

    private final ReservationRepository reservations;
    private final ListingStock stock;
    private final ETickets eTickets;
    private final SagaReplies replies;
    private final Clock clock;

    OrderCancelledHandler(
            ReservationRepository reservations,
            ListingStock stock,
            ETickets eTickets,
            SagaReplies replies,
            Clock clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.eTickets = eTickets;
        this.replies = replies;
        this.clock = clock;
    }

    @Override
    public EventType<OrderCancelled> eventType() {
        return Events.ORDER_CANCELLED;
    }

    /** The listing whose stock row it gives units back to (see {@link OrderCreatedHandler#lockKey}). */
    @Override
    public String lockKey(InboundEvent<OrderCancelled> event) {
        Events.TicketRef ticket = event.data().ticket();
        return ticket == null || ticket.id() == null ? "" : ticket.id();
    }

    @Override
    public void handle(InboundEvent<OrderCancelled> event) {
        OrderCancelled cancelled = event.data();
        UUID orderId = UUID.fromString(cancelled.id());
        Instant now = clock.instant();
        var reservation = reservations.lock(orderId);
        if (reservation.isEmpty()) {
            var tombstone = new Reservation(
                    orderId,
                    UUID.fromString(cancelled.ticket().id()),
                    null,
                    cancelled.quantity(),
                    ReservationStatus.RELEASED);
            if (reservations.insert(tombstone, now)) {
                log.info("Order {} cancelled before it was reserved: tombstone left", orderId);
                return;
            }
            // ORDER.created committed its row between our read and our insert: compensate that row
            reservation = reservations.lock(orderId);
        }
        compensate(reservation.orElseThrow(), now);
    }

    private void compensate(Reservation reservation, Instant now) {
        switch (reservation.onCancelled()) {
            case Reservation.OnCancelled.Nothing() -> {
                // rejected, released or revoked already
            }
            case Reservation.OnCancelled.Release() -> {
                stock.release(reservation.listingId(), reservation.quantity(), now);
                reservations.setStatus(reservation.orderId(), ReservationStatus.RELEASED, now);
            }
            case Reservation.OnCancelled.Revoke() -> {
                int revoked = eTickets.revoke(reservation.orderId(), now);
                stock.unsell(reservation.listingId(), reservation.quantity(), now);
                reservations.setStatus(reservation.orderId(), ReservationStatus.REVOKED, now);
                log.info("Order {} cancelled after delivery: {} e-tickets revoked", reservation.orderId(), revoked);
            }
        }
    }
}
