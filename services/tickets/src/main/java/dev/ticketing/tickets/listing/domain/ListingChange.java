package dev.ticketing.tickets.listing.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A seller's edit of a listing's details. Title and price are always given; a description or quantity left out
 * (null) keeps the listing's current one, since clients of the original app edit only title and price.
 */
public record ListingChange(String title, BigDecimal price, String description, Integer quantity) {

    public ListingChange {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(price, "price");
    }

    /** The details after this change, on top of the listing's current ones. */
    public ListingDetails applyTo(ListingDetails current) {
        return new ListingDetails(
                title,
                description == null ? current.description() : description,
                price,
                quantity == null ? current.quantity() : quantity);
    }
}
