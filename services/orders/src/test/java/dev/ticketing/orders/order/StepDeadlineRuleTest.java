package dev.ticketing.orders.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.orders.OrdersApplication;
import dev.ticketing.orders.OrdersProperties;
import dev.ticketing.platform.test.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class StepDeadlineRuleTest {

    private static OrdersProperties.Saga saga(String reserve, String delivery, String restart) {
        return new OrdersProperties.Saga(
                Duration.parse("PT" + reserve),
                Duration.parse("PT" + delivery),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                Duration.parse("PT" + restart));
    }

    @Test
    void theDefaultsLeaveRoomForARedeliveryAndARestart() {
        var defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("ticketing", OrdersProperties.class)
                .saga();

        assertThat(defaults).isEqualTo(saga("20S", "20S", "5S"));
        assertThat(StepDeadlineRule.violations(defaults, Duration.ofSeconds(10)))
                .isEmpty();
        assertThat(StepDeadlineRule.recoveryBound(defaults, Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void aDeadlineNoLongerThanTheAckWaitPlusARestartIsRefused() {
        // the settings found in the field: deadline = ack wait, so a crash mid-step ended TIMEOUT, not SUCCESS
        assertThat(StepDeadlineRule.violations(saga("30S", "60S", "10S"), Duration.ofSeconds(30)))
                .anySatisfy(v -> assertThat(v).isEqualTo("ticketing.saga.reserve-timeout is PT30S"))
                .noneSatisfy(v -> assertThat(v).startsWith("ticketing.saga.delivery-timeout"));
        assertThat(StepDeadlineRule.violations(saga("30S", "15S", "10S"), Duration.ofSeconds(10)))
                .anySatisfy(v -> assertThat(v).isEqualTo("ticketing.saga.delivery-timeout is PT15S"));
    }

    @Test
    void theServiceRefusesToStartWithContradictorySettings() {
        var nats = TestInfrastructure.freshNats();
        String database = TestInfrastructure.freshDatabase("deadline_rule");
        var postgres = TestInfrastructure.postgres();
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(OrdersApplication.class)
                            .run(
                                    "--spring.datasource.url=" + postgres.jdbcUrl(database),
                                    "--spring.datasource.username=postgres",
                                    "--spring.datasource.password=" + postgres.superuserPassword(),
                                    "--ticketing.nats.url=" + nats.url(),
                                    "--server.port=0",
                                    "--ticketing.saga.reserve-timeout=30s",
                                    "--ticketing.messaging.ack-wait=30s")
                            .close())
                    .rootCause()
                    .hasMessageContaining("ticketing.saga.reserve-timeout is PT30S")
                    .hasMessageContaining("ticketing.messaging.ack-wait (PT30S)");
        } finally {
            nats.stop();
            postgres.dropDatabase(database);
        }
    }
}
