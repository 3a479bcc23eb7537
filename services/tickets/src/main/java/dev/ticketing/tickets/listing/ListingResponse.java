package dev.ticketing.tickets.listing;

import dev.ticketing.tickets.listing.domain.Listing;
import java.math.BigDecimal;

/** A listing in docs/api.md's shape; {@code userId} is the seller, {@code orderId} a pending order holding units. */
record ListingResponse(
        String id,
        String title,
        String description,
        BigDecimal price,
        int quantity,
        int available,
        String userId,
        long version,
        String orderId) {

    static ListingResponse of(Listing listing) {
        return new ListingResponse(
                listing.id().toString(),
                listing.details().title(),
                listing.details().description(),
                listing.details().price(),
                listing.details().quantity(),
                listing.available(),
                listing.sellerId(),
                listing.version(),
                listing.pendingOrderId());
    }
}
