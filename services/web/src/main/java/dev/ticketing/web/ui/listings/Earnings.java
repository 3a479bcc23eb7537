package dev.ticketing.web.ui.listings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What a seller earned: the total and every completed sale, newest first (payments API). */
record Earnings(BigDecimal total, List<Sale> sales) {

    /** A sale as the payments API shows it; its JSON field {@code ticketId} is the listing sold. */
    record Sale(String orderId, String ticketId, int quantity, BigDecimal amount, Instant at) {}
}
