package dev.ticketing.tickets.listing;

import dev.ticketing.contracts.Events;
import dev.ticketing.tickets.listing.domain.Listing;

/** The listing as the rest of the system sees it in docs/asyncapi.yaml. */
final class ListingEvents {

    private ListingEvents() {}

    static Events.TicketCreated created(Listing listing) {
        return new Events.TicketCreated(
                listing.id().toString(),
                listing.version(),
                listing.details().title(),
                listing.details().price(),
                listing.details().quantity(),
                listing.sellerId());
    }

    static Events.TicketUpdated updated(Listing listing) {
        return new Events.TicketUpdated(
                listing.id().toString(),
                listing.version(),
                listing.details().title(),
                listing.details().price(),
                listing.details().quantity(),
                listing.sellerId());
    }
}
