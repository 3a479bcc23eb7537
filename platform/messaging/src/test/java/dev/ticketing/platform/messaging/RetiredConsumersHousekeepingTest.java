package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * A retired consumer that comes back while the service runs is deleted again by housekeeping (decision 77): during a
 * rolling upgrade an instance of the version before creates it again when it finds it deleted under it.
 */
@ServiceTest
@ContextConfiguration(classes = RetiredConsumersTest.App.class)
@TestPropertySource(
        properties = {
            "ticketing.messaging.retired-consumers=ORDER.paid",
            "ticketing.messaging.housekeeping-interval=200ms"
        })
class RetiredConsumersHousekeepingTest {

    @Autowired
    Connection connection;

    @Test
    void aRetiredConsumerCreatedAgainWhileTheServiceRunsIsDeletedAgain() throws Exception {
        // what an instance of the version before does when its consumer was deleted under it
        RetiredConsumersTest.durable(connection, "msgtest-ORDER_paid", "ORDER.paid.*");
        // (not looked at here: the next housekeeping may already have deleted it)

        Poll.until(
                "housekeeping deleted the retired consumer",
                Duration.ofSeconds(20),
                () -> !consumerNames().contains("msgtest-ORDER_paid"));
        assertThat(consumerNames()).contains("msgtest-ORDER_created");
    }

    private List<String> consumerNames() {
        try {
            return connection.jetStreamManagement().getConsumerNames("ORDERS");
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
