package dev.ticketing.tickets.listing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ticketing.tickets.listing.domain.ListingChange;
import dev.ticketing.tickets.listing.domain.ListingDetails;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The body of POST and PUT: only what a seller may set. Anything else a client sends (id, userId, version,
 * orderId, counters...) is ignored, never bound. Quantity is read as a number and checked to be an integer, so
 * that {@code 1.5} is refused rather than silently truncated.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ListingRequest(
        @NotBlank(message = TITLE) @Size(max = 200, message = TITLE)
        String title,

        @NotNull(message = PRICE)
        @DecimalMin(value = "0", inclusive = false, message = PRICE)
        @DecimalMax(value = "1000000", message = PRICE)
        @Digits(integer = 7, fraction = 2, message = PRICE)
        BigDecimal price,

        @Size(max = 2000, message = DESCRIPTION) String description,

        @Digits(integer = 5, fraction = 0, message = QUANTITY)
        @Min(value = 1, message = QUANTITY)
        @Max(value = 10_000, message = QUANTITY)
        BigDecimal quantity) {

    static final String TITLE = "Title is required";
    static final String PRICE = "Price must be greater than 0";
    static final String DESCRIPTION = "Description must be at most 2000 characters";
    static final String QUANTITY = "Quantity must be an integer between 1 and 10000";

    /** POST: a listing without a quantity has one unit. */
    ListingDetails toDetails() {
        return new ListingDetails(title, description, price, quantity == null ? 1 : quantity.intValueExact());
    }

    /** PUT: a description or quantity left out keeps the listing's current one (no POST defaults here). */
    ListingChange toChange() {
        return new ListingChange(title, price, description, quantity == null ? null : quantity.intValueExact());
    }
}
