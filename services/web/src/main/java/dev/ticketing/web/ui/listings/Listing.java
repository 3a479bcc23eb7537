package dev.ticketing.web.ui.listings;

import java.math.BigDecimal;

/** A listing as the tickets API shows it to anyone. */
record Listing(
        String id,
        String title,
        String description,
        BigDecimal price,
        int quantity,
        int available,
        String userId,
        long version) {

    public boolean soldOut() {
        return available <= 0;
    }

    /** A hue for the listing's artwork, the same on every page for one listing. */
    public int hue() {
        return Math.floorMod(id.hashCode(), 360);
    }
}
