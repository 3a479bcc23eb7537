package dev.ticketing.web.home;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/** The part of a tickets-service listing the home page shows. */
@JsonIgnoreProperties(ignoreUnknown = true)
record Listing(String id, String title, BigDecimal price, int available) {
}
