package dev.ticketing.tickets.listing.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A seller's listing of {@code quantity} identical tickets, of which {@code reserved} are held by pending orders
 * and {@code sold} are paid for; {@link Stock} says what these counters may be. Immutable: every change returns
 * the next version.
 *
 * @param pendingOrderId one pending order holding units, or null (kept for clients of the original app)
 */
public record Listing(
        UUID id,
        String sellerId,
        ListingDetails details,
        int reserved,
        int sold,
        long version,
        String pendingOrderId,
        Instant createdAt,
        Instant updatedAt) {

    public Listing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sellerId, "sellerId");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!Stock.holds(details.quantity(), reserved, sold) || version < 0) {
            throw new IllegalArgumentException("Inconsistent stock of listing " + id + ": quantity "
                    + details.quantity() + ", reserved " + reserved + ", sold " + sold + ", version " + version);
        }
    }

    /** A new listing by a seller: nothing reserved or sold, version 0. */
    public static Listing create(UUID id, String sellerId, ListingDetails details, Instant now) {
        // the database keeps microseconds: truncate so the stored and the returned listing are the same
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return new Listing(id, sellerId, details, 0, 0, 0, null, at, at);
    }

    /**
     * The seller replaces the details. Refused while any unit is reserved (checked before ownership, as in
     * docs/api.md), when the caller is not the seller, and when the new quantity breaks the stock rule: with
     * nothing reserved, when it is below the units already sold.
     */
    public EditResult edit(String callerId, ListingDetails newDetails, Instant now) {
        if (reserved > 0) {
            return new EditResult.Reserved();
        }
        if (!sellerId.equals(callerId)) {
            return new EditResult.NotOwner();
        }
        if (stock().withQuantity(newDetails.quantity()).isEmpty()) {
            return new EditResult.BelowSold(sold);
        }
        return new EditResult.Edited(new Listing(
                id,
                sellerId,
                newDetails,
                reserved,
                sold,
                version + 1,
                pendingOrderId,
                createdAt,
                now.truncatedTo(ChronoUnit.MICROS)));
    }

    /** The counters as the stock rule sees them. */
    Stock stock() {
        return new Stock(details.quantity(), reserved, sold);
    }

    /** Units a buyer can still order. */
    public int available() {
        return stock().available();
    }

    public Optional<String> pendingOrder() {
        return Optional.ofNullable(pendingOrderId);
    }
}
