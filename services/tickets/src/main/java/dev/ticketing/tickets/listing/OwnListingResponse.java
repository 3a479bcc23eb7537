package dev.ticketing.tickets.listing;

import dev.ticketing.tickets.listing.domain.Listing;
import java.math.BigDecimal;

/** A seller's own listing: the public shape plus the stock counters only the seller sees. */
record OwnListingResponse(
        String id,
        String title,
        String description,
        BigDecimal price,
        int quantity,
        int available,
        int reserved,
        int sold,
        String userId,
        long version,
        String orderId) {

    static OwnListingResponse of(Listing listing) {
        return new OwnListingResponse(
                listing.id().toString(),
                listing.details().title(),
                listing.details().description(),
                listing.details().price(),
                listing.details().quantity(),
                listing.available(),
                listing.reserved(),
                listing.sold(),
                listing.sellerId(),
                listing.version(),
                listing.pendingOrderId());
    }
}
