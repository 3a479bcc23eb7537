package dev.ticketing.tickets.saga;

import dev.ticketing.contracts.Events;
import dev.ticketing.platform.messaging.Outbox;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The answers of the tickets steps, appended to the outbox in the step's transaction, each an event of its own
 * keyed by the order it answers. Their aggregate is the listing: an answer carries the listing's version (0 for
 * an unknown listing). Stock movements themselves publish nothing: the orders replica follows only a listing's
 * details ({@code TICKET.updated}, on a seller's edit).
 */
@Component
class SagaReplies {

    static final String INSUFFICIENT_INVENTORY = "INSUFFICIENT_INVENTORY";
    static final String DELIVERY_FAILED = "DELIVERY_FAILED";
    static final String UNKNOWN = "UNKNOWN";

    private final Outbox outbox;
    private final ListingStock stock;

    SagaReplies(Outbox outbox, ListingStock stock) {
        this.outbox = outbox;
        this.stock = stock;
    }

    /** The inventory step succeeded: the order's units are held. */
    void reserved(UUID orderId, ListingStock.Moved listing, int quantity) {
        outbox.append(Events.TICKET_RESERVED, listing.id().toString(), listing.version(),
                new Events.TicketReserved(orderId.toString(), listing.id().toString(), quantity));
    }

    void reservationRejected(UUID orderId, UUID listingId, String reason) {
        outbox.append(Events.TICKET_RESERVATION_REJECTED, listingId.toString(), stock.version(listingId),
                new Events.TicketReservationRejected(orderId.toString(), listingId.toString(), reason));
    }

    void delivered(UUID orderId, ListingStock.Moved listing, int quantity) {
        outbox.append(Events.TICKET_DELIVERED, listing.id().toString(), listing.version(),
                new Events.TicketDelivered(orderId.toString(), listing.id().toString(), quantity));
    }

    void deliveryFailed(UUID orderId, UUID listingId, String reason) {
        outbox.append(Events.TICKET_DELIVERY_FAILED, listingId.toString(), stock.version(listingId),
                new Events.TicketDeliveryFailed(orderId.toString(), listingId.toString(), reason));
    }
}
