package dev.ticketing.orders.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;

/**
 * The body of {@code POST /api/orders}. Quantity is read as a number and checked to be an integer, so that
 * {@code 1.5} is refused rather than truncated. Anything else a client sends (price, userId...) is ignored.
 * {@code ticketId} is the id of the listing to order, under the wire's name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CreateOrderRequest(
        @NotBlank(message = TICKET_ID) String ticketId,

        @Digits(integer = 3, fraction = 0, message = QUANTITY)
        @Min(value = 1, message = QUANTITY)
        @Max(value = 100, message = QUANTITY)
        BigDecimal quantity) {

    static final String TICKET_ID = "TicketId must be provided";
    static final String QUANTITY = "Quantity must be an integer between 1 and 100";

    int quantityOrDefault() {
        return quantity == null ? 1 : quantity.intValueExact();
    }
}
