package dev.ticketing.tickets.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SagaPropertiesTest {

    @Test
    void anOrderPaidThatOvertookItsReservationLooksAgainSoonThenBacksOffToTheLongestWait() {
        var properties = new SagaProperties(Duration.ofSeconds(45), Duration.ofSeconds(1), Duration.ofMillis(50));

        assertThat(properties.reservationWaitAfter(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(properties.reservationWaitAfter(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(properties.reservationWaitAfter(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.reservationWaitAfter(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    }
}
