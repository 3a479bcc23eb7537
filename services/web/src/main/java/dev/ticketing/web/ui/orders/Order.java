package dev.ticketing.web.ui.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** An order as the orders API shows it to its buyer; its JSON field {@code ticket} is the listing ordered. */
record Order(
        String id,
        String status,
        String outcome,
        int quantity,
        BigDecimal unitPrice,
        BigDecimal total,
        Instant expiresAt,
        Instant createdAt,
        Listing ticket,
        long version) {

    static final Set<String> FINAL = Set.of("complete", "cancelled");

    record Listing(String id, String title, BigDecimal price) {}

    /** Complete or cancelled with an outcome: nothing will change any more, so nothing needs to be followed live. */
    public boolean isFinal() {
        return FINAL.contains(status) && outcome != null;
    }

    public boolean unpaid() {
        return "created".equals(status);
    }

    /** Ended because the hold ran out: the page keeps the timer, reading "expired", where the countdown was. */
    public boolean expired() {
        return "cancelled".equals(status) && "EXPIRED".equals(outcome);
    }

    public String title() {
        return ticket == null || ticket.title() == null ? "Ticket" : ticket.title();
    }

    /** One sentence on where the order stands and what, if anything, the buyer can do. */
    public String headline() {
        if (!isFinal()) {
            return switch (status) {
                case "created" -> "Your tickets are held for you. Pay before the time runs out to get your e-tickets.";
                case "paid" -> "Payment received. Your e-tickets are being issued\u2026";
                default -> "Your order is being updated\u2026";
            };
        }
        return switch (outcome) {
            case "SUCCESS" -> "All done: your e-tickets are ready.";
            case "CANCELLED" -> "You cancelled this order. Nothing was charged.";
            case "EXPIRED" -> "The reservation expired before it was paid. Nothing was charged.";
            case "INSUFFICIENT_FUND" -> "Your wallet did not have enough credits, so the order was cancelled.";
            case "INSUFFICIENT_INVENTORY" ->
                "Not enough tickets were left, so the order was cancelled. Nothing was charged.";
            case "TIMEOUT" -> "A step took too long, so the order was cancelled. Any payment was refunded.";
            case "DELIVERY_FAILED" -> "The e-tickets could not be issued, so the order was cancelled and refunded.";
            default -> "Something went wrong, so the order was cancelled. Any payment was refunded.";
        };
    }

    /** The step the progress bar has reached: 1 reserved, 2 paid, 3 tickets issued; 0 when it ended otherwise. */
    public int progress() {
        return switch (status) {
            case "created" -> 1;
            case "paid" -> 2;
            case "complete" -> 3;
            default -> 0;
        };
    }
}
