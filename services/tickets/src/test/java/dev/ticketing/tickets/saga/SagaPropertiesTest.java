package dev.ticketing.tickets.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SagaPropertiesTest {

    private final SagaProperties properties =
            new SagaProperties(Duration.ofSeconds(45), Duration.ofSeconds(1), Duration.ofMillis(50));

    @Test
    void anOrderPaidThatOvertookItsReservationLooksAgainSoonThenBacksOffToTheLongestWait() {
        assertThat(properties.reservationWaitAfter(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(properties.reservationWaitAfter(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(properties.reservationWaitAfter(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(properties.reservationWaitAfter(5)).isEqualTo(Duration.ofMillis(800));
        assertThat(properties.reservationWaitAfter(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.reservationWaitAfter(100)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFirstWaitLongerThanTheLongestIsCapped() {
        var slow = new SagaProperties(Duration.ofSeconds(45), Duration.ofSeconds(1), Duration.ofSeconds(3));

        assertThat(slow.reservationWaitAfter(1)).isEqualTo(Duration.ofSeconds(1));
    }
}
