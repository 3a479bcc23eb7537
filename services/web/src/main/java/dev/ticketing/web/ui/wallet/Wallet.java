package dev.ticketing.web.ui.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The person's wallet: balance and ledger, newest first (payments API). */
record Wallet(BigDecimal balance, String currency, List<Entry> entries) {

    record Entry(Instant at, BigDecimal amount, String kind, String orderId) {

        /** The ledger kind in the buyer's words. */
        public String what() {
            return switch (kind == null ? "" : kind) {
                case "GRANT" -> "Welcome credits";
                case "DEBIT" -> "Payment for an order";
                case "REFUND" -> "Refund of an order";
                case "SALE" -> "Sale of your tickets";
                default -> kind;
            };
        }

        /** Debits and refunds are the person's own orders (as a buyer), so they can open them. */
        public boolean ownOrder() {
            return orderId != null && ("DEBIT".equals(kind) || "REFUND".equals(kind));
        }
    }
}
