package dev.ticketing.expiration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import dev.ticketing.platform.embedded.NatsServerProcess;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;

/** Timers live in the database: one that comes due while the service is down fires once it is back. */
class RestartTest {

    private static String database;
    private static NatsServerProcess nats;
    private static JdbcClient jdbc;

    @BeforeAll
    static void infrastructure() {
        database = TestInfrastructure.freshDatabase("expiration_restart");
        nats = TestInfrastructure.freshNats();
        String url = TestInfrastructure.postgres().jdbcUrl(database);
        jdbc = JdbcClient.create(new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                url,
                EmbeddedPostgresServer.SUPERUSER,
                TestInfrastructure.postgres().superuserPassword()));
    }

    @AfterAll
    static void release() {
        nats.stop();
        TestInfrastructure.postgres().dropDatabase(database);
    }

    @Test
    void aTimerDueWhileTheServiceWasDownFiresOnceAfterTheRestart() throws Exception {
        String orderId = ExpirationServiceTest.newOrderId();
        Instant expiresAt;
        try (Broker broker = new Broker(nats.url())) {
            try (ConfigurableApplicationContext first = start()) {
                // far enough ahead that the first instance is surely stopped before the timer is due
                expiresAt = ExpirationServiceTest.inSeconds(4);
                broker.orderCreated(orderId, expiresAt);
                assertThat(Poll.until(() -> timerExists(orderId), Duration.ofSeconds(15)))
                        .isTrue();
            }
            Poll.past(expiresAt.plusSeconds(1));
            assertThat(broker.expirationsOf(orderId))
                    .as("nothing fires while the service is down")
                    .isEmpty();
            assertThat(timerExists(orderId))
                    .as("the timer outlived the process")
                    .isTrue();

            try (ConfigurableApplicationContext second = start()) {
                assertThat(Poll.until(() -> !broker.expirationsOf(orderId).isEmpty(), Duration.ofSeconds(15)))
                        .as("fired right after the start")
                        .isTrue();
                assertThat(Poll.neverUntil(
                                () -> broker.expirationsOf(orderId).size() > 1,
                                Instant.now().plusSeconds(2)))
                        .isTrue();
            }
            List<JsonNode> fired = broker.expirationsOf(orderId);
            assertThat(fired).hasSize(1);
            assertThat(Instant.parse(fired.getFirst().get("occurredAt").asString()))
                    .isAfter(expiresAt);
            assertThat(timerExists(orderId)).isFalse();
        }
    }

    private static ConfigurableApplicationContext start() {
        // command-line arguments: they override application.yml (builder default properties would not)
        return new SpringApplicationBuilder(ExpirationApplication.class)
                .run(
                        "--spring.datasource.url="
                                + TestInfrastructure.postgres().jdbcUrl(database),
                        "--spring.datasource.username=" + EmbeddedPostgresServer.SUPERUSER,
                        "--spring.datasource.password="
                                + TestInfrastructure.postgres().superuserPassword(),
                        "--ticketing.nats.url=" + nats.url(),
                        "--server.port=0");
    }

    private static boolean timerExists(String orderId) {
        return jdbc.sql("select exists (select 1 from scheduled_tasks where task_instance = :id)")
                .param("id", orderId)
                .query(Boolean.class)
                .single();
    }
}
