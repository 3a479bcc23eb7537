package dev.ticketing.web.ui.listings;

import java.math.BigDecimal;

/** A seller's own listing: what anyone sees plus the units reserved (unpaid orders) and sold. */
record OwnListing(
        String id,
        String title,
        String description,
        BigDecimal price,
        int quantity,
        int available,
        int reserved,
        int sold,
        long version) {

    public int hue() {
        return Math.floorMod(id.hashCode(), 360);
    }
}
