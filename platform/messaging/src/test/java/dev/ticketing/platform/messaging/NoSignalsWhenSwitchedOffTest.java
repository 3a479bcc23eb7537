package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.platform.test.ClassInfrastructure;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Without {@code ticketing.messaging.signal-other-instances} (the default): no NOTIFY and no listening session. */
@ServiceTest
class NoSignalsWhenSwitchedOffTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import({MessagingTestBeans.class, CountedUsers.class})
    static class App {}

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    TestEffects effects;

    @Autowired
    DataSource dataSource;

    @Test
    void anAppliedEventNotifiesNobody(ClassInfrastructure infrastructure) throws Exception {
        try (Connection listening = infrastructure.postgres().connect(infrastructure.database())) {
            listening.createStatement().execute("LISTEN " + AppliedNotification.CHANNEL);

            new TransactionTemplate(transactionManager)
                    .executeWithoutResult(status -> outbox.append(
                            Events.USER_CREATED, "off-1", 1, new UserCreated("off-1", "off-1@example.com")));
            Poll.until("the event is applied", TIMEOUT, () -> effects.count("off-1") == 1);
            // notifications arrive in commit order: one of the event would come before this marker
            JdbcClient.create(dataSource)
                    .sql("select pg_notify(:channel, 'marker')")
                    .param("channel", AppliedNotification.CHANNEL)
                    .query((row, number) -> true)
                    .single();

            assertThat(SignalsAcrossInstancesTest.notificationsUntil(listening, "marker"))
                    .containsExactly("marker");
        }
    }

    @Test
    void nobodyListens() {
        assertThat(JdbcClient.create(dataSource)
                        .sql("""
                                select count(*) from pg_stat_activity
                                where application_name = :name and datname = current_database()
                                """)
                        .param("name", ListenerConnections.APPLICATION_NAME)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
