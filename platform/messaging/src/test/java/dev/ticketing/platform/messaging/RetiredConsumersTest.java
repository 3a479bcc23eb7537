package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCreated;
import dev.ticketing.platform.test.ServiceTest;
import io.nats.client.Connection;
import io.nats.client.JetStreamOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/** A service deletes at start-up the durable consumers it names as retired, and only its own (decision 77). */
@ServiceTest
@TestPropertySource(properties = "ticketing.messaging.retired-consumers=ORDER.paid")
class RetiredConsumersTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(MessagingTestBeans.class)
    static class App {

        @Bean
        EventHandler<OrderCreated> orderCreated(TestEffects effects) {
            return EventHandler.of(
                    Events.ORDER_CREATED,
                    event -> effects.increment(event.envelope().aggregateId()));
        }
    }

    @Autowired
    Connection connection;

    @Autowired
    EventConsumers consumers;

    @Test
    void aStartDeletesTheRetiredConsumerOfThisApplicationOnly() throws Exception {
        durable("msgtest-ORDER_paid", "ORDER.paid.*");
        durable("other-ORDER_paid", "ORDER.paid.*");

        consumers.stop();
        consumers.start();

        assertThat(connection.jetStreamManagement().getConsumerNames("ORDERS"))
                .contains("msgtest-ORDER_created", "other-ORDER_paid")
                .doesNotContain("msgtest-ORDER_paid");
    }

    @Test
    void aConsumerAlreadyGoneIsNoError() throws Exception {
        var retired =
                new RetiredConsumers(connection, JetStreamOptions.defaultOptions(), "msgtest", List.of("ORDER.paid"));
        retired.delete();
        retired.delete();

        assertThat(connection.jetStreamManagement().getConsumerNames("ORDERS")).doesNotContain("msgtest-ORDER_paid");
    }

    @Test
    void aHandledEventTypeCannotBeRetired() {
        var retired = new RetiredConsumers(
                connection, JetStreamOptions.defaultOptions(), "msgtest", List.of("ORDER.created"));

        assertThatThrownBy(() -> retired.checkNoneOf(Set.of("msgtest-ORDER_created")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORDER.created");
    }

    @Test
    void anUnknownEventTypeIsRefused() {
        assertThatThrownBy(() -> new RetiredConsumers(
                        connection, JetStreamOptions.defaultOptions(), "msgtest", List.of("ORDER.lost")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void durable(String name, String subject) throws Exception {
        durable(connection, name, subject);
    }

    /** A durable consumer made as any application's would be, e.g. an instance of the version before. */
    static void durable(Connection connection, String name, String subject) throws Exception {
        connection
                .jetStreamManagement()
                .addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable(name)
                                .filterSubject(subject)
                                .ackPolicy(AckPolicy.Explicit)
                                .build());
    }
}
