package dev.ticketing.tickets.saga.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * The units one order holds (or held, or was refused) of one listing: the tickets service's memory of the order,
 * so that every ORDER.* event of it, in whatever order and however often it arrives, takes effect once.
 *
 * @param buyerId null for a tombstone (the cancel arrived before the order)
 */
public record Reservation(UUID orderId, UUID listingId, String buyerId, int quantity, ReservationStatus status) {

    public Reservation {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(listingId, "listingId");
        Objects.requireNonNull(status, "status");
    }

    /** What ORDER.paid does to this reservation. */
    public sealed interface OnPaid {
        /** Units are held: sell them and issue the e-tickets. */
        record Deliver() implements OnPaid {}

        /** Already delivered (a duplicate ORDER.paid): nothing to do, the answer was given. */
        record AlreadyDelivered() implements OnPaid {}

        /** Nothing is held for the order (rejected, released): delivery fails. */
        record Refuse() implements OnPaid {}
    }

    /** What ORDER.cancelled does to this reservation. */
    public sealed interface OnCancelled {
        /** Give the held units back. */
        record Release() implements OnCancelled {}

        /** Revoke the delivered e-tickets and give the sold units back. */
        record Revoke() implements OnCancelled {}

        /** Nothing held or sold any more (rejected, released, revoked): a duplicate or a no-op. */
        record Nothing() implements OnCancelled {}
    }

    public OnPaid onPaid() {
        return switch (status) {
            case HELD, CONFIRMED -> new OnPaid.Deliver();
            case SOLD, REVOKED -> new OnPaid.AlreadyDelivered();
            case RELEASED, REJECTED -> new OnPaid.Refuse();
        };
    }

    public OnCancelled onCancelled() {
        return switch (status) {
            case HELD, CONFIRMED -> new OnCancelled.Release();
            case SOLD -> new OnCancelled.Revoke();
            case RELEASED, REJECTED, REVOKED -> new OnCancelled.Nothing();
        };
    }
}
