package dev.ticketing.tickets.listing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * What a seller says about a listing: the part of it they may set and change. The HTTP layer validates the
 * contract's limits first; these checks only keep impossible values out of the aggregate.
 */
public record ListingDetails(String title, String description, BigDecimal price, int quantity) {

    public ListingDetails {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(price, "price");
        if (title.isBlank() || price.signum() <= 0 || quantity < 1) {
            throw new IllegalArgumentException("Invalid listing details: " + title + ", " + price + ", " + quantity);
        }
        // money has cents and nothing finer; validation already refused more decimals, so this never rounds
        price = price.setScale(2, RoundingMode.UNNECESSARY);
    }
}
