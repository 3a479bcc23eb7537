package dev.ticketing.web.ui.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline in a buyer's words, from the details the orders service records (docs/saga.md). */
class StoryTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aPurchaseReadsAsReservedHeldPaidIssued() {
        var story = Story.of(List.of(
                entry(
                        "create",
                        "orders",
                        "order created: 2 unit(s) at 12.50, units reserved until 2026-11-26T10:15:00Z"),
                entry("reserve", "tickets", "units reserved by tickets"),
                entry("payment", "payments", "paid with payment 6b1e..."),
                entry("delivery", "tickets", "delivered 2 e-ticket(s): complete, SUCCESS")));

        assertThat(story)
                .extracting(Story.Moment::headline)
                .containsExactly(
                        "You reserved 2 tickets at 12.5 credits each.",
                        "The seller's stock confirmed: your tickets are held for you.",
                        "Payment received from your wallet.",
                        "Your e-tickets were issued.");
        assertThat(story).extracting(Story.Moment::tone).containsExactly("neutral", "neutral", "good", "good");
    }

    @Test
    void everyWayAnOrderEndsIsSaidPlainlyAndOperatorNotesAreLeftOut() {
        var story = Story.of(List.of(
                entry("expiration", "expiration", "reservation expired before payment: cancelled, EXPIRED"),
                entry("payment", "payments", "payment failed: cancelled, INSUFFICIENT_FUND"),
                entry("payment", "payments", "refunded 25.00 (payment 1)"),
                entry("reserve", "tickets", "reservation rejected by tickets: cancelled, INSUFFICIENT_INVENTORY"),
                entry(
                        "delivery",
                        "orders",
                        "delivery deadline passed without an answer from tickets: cancelled, TIMEOUT"),
                entry("cancel", "orders", "cancelled by the buyer: cancelled, CANCELLED"),
                entry("expiration", "expiration", "ignored: expired while complete: nothing to do"),
                entry("payment", "payments", "rejected: payment failed (UNKNOWN) for an order that is complete"),
                entry("delivery", "tickets", "something new")));

        assertThat(story)
                .extracting(Story.Moment::headline)
                .containsExactly(
                        "Time ran out before payment, so the tickets went back on sale.",
                        "Your wallet did not have enough credits, so the order was cancelled.",
                        "25 credits went back to your wallet.",
                        "There were not enough tickets left to hold for you, so the order was cancelled.",
                        "Issuing your e-tickets took too long, so the order was cancelled and refunded.",
                        "You cancelled the order; the tickets went back on sale.",
                        "An update about your e-tickets.");
    }

    private static TimelineEntry entry(String step, String service, String detail) {
        return new TimelineEntry(AT, step, service, detail);
    }
}
