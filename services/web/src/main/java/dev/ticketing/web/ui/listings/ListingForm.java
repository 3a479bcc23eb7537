package dev.ticketing.web.ui.listings;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The new and edit forms as typed. The API checks every field (the browser's checks are a convenience), so
 * values go to it as they are: a number when they read as one, otherwise the text, which the API then refuses
 * with the field's own message.
 */
record ListingForm(String title, String description, String price, String quantity) {

    /** The API's names of the fields this form shows, for placing its messages. */
    static final Set<String> FIELDS = Set.of("title", "description", "price", "quantity");

    static ListingForm blank() {
        return new ListingForm("", "", "", "1");
    }

    static ListingForm of(Listing listing) {
        return new ListingForm(
                listing.title(),
                listing.description() == null ? "" : listing.description(),
                listing.price().stripTrailingZeros().toPlainString(),
                Integer.toString(listing.quantity()));
    }

    ListingForm {
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        price = price == null ? "" : price.strip();
        quantity = quantity == null ? "" : quantity.strip();
    }

    Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        body.put("title", title.strip());
        body.put("description", description.isBlank() ? null : description.strip());
        body.put("price", number(price));
        if (!quantity.isBlank()) {
            body.put("quantity", number(quantity));
        }
        return body;
    }

    static Object number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }
}
