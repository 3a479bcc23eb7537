package dev.ticketing.tickets.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReservationTest {

    @ParameterizedTest
    @CsvSource({
        "HELD, Deliver",
        "CONFIRMED, Deliver",
        "SOLD, AlreadyDelivered",
        "REVOKED, AlreadyDelivered",
        "RELEASED, Refuse",
        "REJECTED, Refuse"
    })
    void orderPaidDeliversOnlyHeldUnitsAndOnlyOnce(ReservationStatus status, String decision) {
        assertThat(reservation(status).onPaid().getClass().getSimpleName()).isEqualTo(decision);
    }

    @ParameterizedTest
    @CsvSource({
        "HELD, Release",
        "CONFIRMED, Release",
        "SOLD, Revoke",
        "RELEASED, Nothing",
        "REJECTED, Nothing",
        "REVOKED, Nothing"
    })
    void orderCancelledReleasesHeldUnitsRevokesSoldOnesAndIgnoresTheRest(ReservationStatus status, String decision) {
        assertThat(reservation(status).onCancelled().getClass().getSimpleName()).isEqualTo(decision);
    }

    @Test
    void aTombstoneHasNoBuyer() {
        var tombstone = new Reservation(UUID.randomUUID(), UUID.randomUUID(), null, 1, ReservationStatus.RELEASED);
        assertThat(tombstone.onCancelled()).isInstanceOf(Reservation.OnCancelled.Nothing.class);
        assertThat(tombstone.onPaid()).isInstanceOf(Reservation.OnPaid.Refuse.class);
    }

    private static Reservation reservation(ReservationStatus status) {
        return new Reservation(UUID.randomUUID(), UUID.randomUUID(), "buyer", 2, status);
    }
}
