package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AppliedNotificationTest {

    private static final UUID EVENT = UUID.fromString("0b7c7f4e-7d3a-4d0e-9a55-3a2b1c0d9e8f");

    @Test
    void aPayloadReadsBackAsTheNotificationItCameFrom() {
        var notification = new AppliedNotification("orders-TICKET_updated", EVENT, "listing 42");

        assertThat(notification.payload()).isEqualTo("orders-TICKET_updated " + EVENT + " listing 42");
        assertThat(AppliedNotification.parse(notification.payload())).contains(notification);
    }

    @Test
    void anAggregateIdTooLongForPostgresIsLeftOut() {
        String huge = "é".repeat(AppliedNotification.MAX_PAYLOAD_BYTES / 2);
        var notification = new AppliedNotification("orders-TICKET_updated", EVENT, huge);

        String payload = notification.payload();

        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
        assertThat(AppliedNotification.parse(payload))
                .contains(new AppliedNotification("orders-TICKET_updated", EVENT, null));
    }

    @Test
    void aPayloadOfSomethingElseIsNoNotification() {
        assertThat(AppliedNotification.parse("marker")).isEmpty();
        assertThat(AppliedNotification.parse("consumer not-a-uuid aggregate")).isEmpty();
        assertThat(AppliedNotification.parse("")).isEmpty();
        assertThat(AppliedNotification.parse(null)).isEmpty();
    }
}
