package dev.ticketing.orders.domain;

import java.util.Locale;
import java.util.Set;

/** How an order ended (docs/saga.md); every final state has one. */
public enum Outcome {
    SUCCESS,
    EXPIRED,
    CANCELLED,
    INSUFFICIENT_FUND,
    INSUFFICIENT_INVENTORY,
    TIMEOUT,
    UNKNOWN,
    DELIVERY_FAILED;

    private static final Set<Outcome> RESERVATION_REASONS = Set.of(INSUFFICIENT_INVENTORY, UNKNOWN, TIMEOUT);
    private static final Set<Outcome> PAYMENT_REASONS = Set.of(INSUFFICIENT_FUND, UNKNOWN, TIMEOUT);
    private static final Set<Outcome> DELIVERY_REASONS = Set.of(DELIVERY_FAILED, UNKNOWN, TIMEOUT);

    /** The outcome of a {@code TICKET.reservation-rejected} reason; a reason we do not know is an error: UNKNOWN. */
    public static Outcome ofReservationRejection(String reason) {
        return parse(reason, RESERVATION_REASONS, UNKNOWN);
    }

    /** The outcome of a {@code PAYMENT.failed}; anything else than the known ones is UNKNOWN. */
    public static Outcome ofPaymentFailure(String outcome) {
        return parse(outcome, PAYMENT_REASONS, UNKNOWN);
    }

    /** The outcome of a {@code TICKET.delivery-failed}: UNKNOWN or TIMEOUT as the reason says, else DELIVERY_FAILED. */
    public static Outcome ofDeliveryFailure(String reason) {
        return parse(reason, DELIVERY_REASONS, DELIVERY_FAILED);
    }

    private static Outcome parse(String text, Set<Outcome> allowed, Outcome otherwise) {
        if (text == null) {
            return otherwise;
        }
        for (Outcome outcome : allowed) {
            if (outcome.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                return outcome;
            }
        }
        return otherwise;
    }
}
