package dev.ticketing.web.ui.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The saga timeline told to the buyer: each step the services took, in plain words, leaving out what the saga
 * records for its operators only (late or duplicate answers it ignored). The services' own words stay available
 * on the page under "Technical details".
 */
final class Story {

    /** One moment of the story; {@code tone} styles its marker: good, bad or neutral. */
    record Moment(Instant at, String headline, String tone) {}

    private static final Pattern CREATED = Pattern.compile("order created: (\\d+) unit\\(s\\) at ([0-9.]+).*");
    private static final Pattern REFUNDED = Pattern.compile("refunded ([0-9.]+).*");
    private static final Pattern DELIVERED = Pattern.compile("delivered (\\d+) e-ticket.*");

    private Story() {}

    static List<Moment> of(List<TimelineEntry> entries) {
        var moments = new ArrayList<Moment>();
        for (TimelineEntry entry : entries) {
            String detail = entry.detail() == null ? "" : entry.detail();
            if (detail.startsWith("ignored:") || detail.startsWith("rejected:")) {
                continue;
            }
            moments.add(new Moment(entry.at(), headline(entry.step(), detail), tone(entry.step(), detail)));
        }
        return moments;
    }

    private static String headline(String step, String detail) {
        Matcher m;
        if ((m = CREATED.matcher(detail)).matches()) {
            int units = Integer.parseInt(m.group(1));
            return "You reserved " + units + (units == 1 ? " ticket" : " tickets") + " at " + credits(m.group(2))
                    + " each.";
        }
        if (detail.startsWith("units reserved by tickets")) {
            return "The seller's stock confirmed: your tickets are held for you.";
        }
        if ((m = REFUNDED.matcher(detail)).matches()) {
            return credits(m.group(1)) + " went back to your wallet.";
        }
        if (detail.startsWith("paid with payment")) {
            return "Payment received from your wallet.";
        }
        if ((m = DELIVERED.matcher(detail)).matches()) {
            return "Your e-tickets were issued.";
        }
        if (detail.startsWith("cancelled by the buyer")) {
            return "You cancelled the order; the tickets went back on sale.";
        }
        if (detail.startsWith("reservation expired before payment")) {
            return "Time ran out before payment, so the tickets went back on sale.";
        }
        if (detail.startsWith("payment failed") && detail.contains("INSUFFICIENT_FUND")) {
            return "Your wallet did not have enough credits, so the order was cancelled.";
        }
        if (detail.startsWith("payment failed")) {
            return "The payment did not go through, so the order was cancelled.";
        }
        if (detail.startsWith("reservation rejected") && detail.contains("INSUFFICIENT_INVENTORY")) {
            return "There were not enough tickets left to hold for you, so the order was cancelled.";
        }
        if (detail.startsWith("reservation rejected")) {
            return "Your tickets could not be held for you, so the order was cancelled.";
        }
        if (detail.startsWith("reserve deadline passed")) {
            return "The seller's stock did not confirm in time, so the order was cancelled.";
        }
        if (detail.startsWith("delivery deadline passed")) {
            return "Issuing your e-tickets took too long, so the order was cancelled and refunded.";
        }
        if (detail.startsWith("delivery failed")) {
            return "Your e-tickets could not be issued, so the order was cancelled and refunded.";
        }
        return switch (step == null ? "" : step) {
            case "payment" -> "An update about your payment.";
            case "delivery" -> "An update about your e-tickets.";
            default -> "An update about your order.";
        };
    }

    private static String tone(String step, String detail) {
        if (detail.startsWith("cancelled by the buyer")) {
            return "neutral";
        }
        if (detail.contains(": cancelled")
                || detail.startsWith("reservation expired")
                || detail.contains("deadline passed")
                || detail.startsWith("payment failed")
                || detail.startsWith("delivery failed")) {
            return "bad";
        }
        if (detail.startsWith("delivered") || detail.startsWith("paid with") || detail.startsWith("refunded")) {
            return "good";
        }
        return "neutral";
    }

    private static String credits(String amount) {
        return new BigDecimal(amount).stripTrailingZeros().toPlainString() + " credits";
    }
}
