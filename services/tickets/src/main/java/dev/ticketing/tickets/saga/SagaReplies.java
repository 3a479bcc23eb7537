package dev.ticketing.tickets.saga;

import dev.ticketing.contracts.DeliveryFailure;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.ReservationRejection;
import dev.ticketing.platform.messaging.Outbox;
import dev.ticketing.platform.observability.SagaSpans;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The answers of the tickets steps, appended to the outbox in the step's transaction, each an event of its own
 * keyed by the order it answers. Their aggregate is the listing: an answer carries the listing's version (0 for
 * an unknown listing). Stock movements themselves publish nothing: the orders replica follows only a listing's
 * details ({@code TICKET.updated}, on a seller's edit). Each answer also tags the span of the step's handling
 * with the order, the listing, the step and its result (decision 60).
 */
@Component
class SagaReplies {

    private final Outbox outbox;
    private final ListingStock stock;
    private final SagaSpans spans;

    SagaReplies(Outbox outbox, ListingStock stock, SagaSpans spans) {
        this.outbox = outbox;
        this.stock = stock;
        this.spans = spans;
    }

    /** The inventory step succeeded: the order's units are held. */
    void reserved(UUID orderId, ListingStock.Moved listing, int quantity) {
        spans.step("reserve", orderId, listing.id(), "reserved");
        outbox.append(
                Events.TICKET_RESERVED,
                listing.id().toString(),
                listing.version(),
                new Events.TicketReserved(orderId.toString(), listing.id().toString(), quantity));
    }

    void reservationRejected(UUID orderId, UUID listingId, ReservationRejection reason) {
        spans.step("reserve", orderId, listingId, "rejected " + reason);
        outbox.append(
                Events.TICKET_RESERVATION_REJECTED,
                listingId.toString(),
                stock.version(listingId),
                new Events.TicketReservationRejected(orderId.toString(), listingId.toString(), reason));
    }

    void delivered(UUID orderId, ListingStock.Moved listing, int quantity) {
        spans.step("delivery", orderId, listing.id(), "delivered");
        outbox.append(
                Events.TICKET_DELIVERED,
                listing.id().toString(),
                listing.version(),
                new Events.TicketDelivered(orderId.toString(), listing.id().toString(), quantity));
    }

    void deliveryFailed(UUID orderId, UUID listingId, DeliveryFailure reason) {
        spans.step("delivery", orderId, listingId, "failed " + reason);
        outbox.append(
                Events.TICKET_DELIVERY_FAILED,
                listingId.toString(),
                stock.version(listingId),
                new Events.TicketDeliveryFailed(orderId.toString(), listingId.toString(), reason));
    }
}
