package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.Poll;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Catching up on an aggregate whose last event was applied long ago (docs/decisions/0014): a listing nobody has
 * edited for months. Its inbox row is gone (the inbox keeps rows for {@code inbox-retention}), and no instance
 * remembers it; the consumer's acknowledgement still says it was applied, so a request about that aggregate does
 * not wait out its bound. Once found, it is remembered: the next request asks no one.
 */
@dev.ticketing.platform.test.ServiceTest
class CatchUpOnOldEventsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Far above what catching up on an applied event takes; a wait this long returns false instead. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import({MessagingTestBeans.class, CountedUsers.class})
    static class App {}

    @Autowired
    DataSource dataSource;

    @Autowired
    Connection connection;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    EventConsumers consumers;

    @Autowired
    TestEffects effects;

    @Test
    void anEventAppliedLongAgoIsCaughtUpOnWithoutItsInboxRow() {
        String id = "user-of-long-ago";
        UUID eventId = transactions.execute(
                status -> outbox.append(Events.USER_CREATED, id, 1, new UserCreated(id, id + "@example.com")));
        Poll.until("the event is applied and acknowledged", TIMEOUT, () -> effects.count(id) == 1 && acknowledged());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("delete from messaging_inbox where event_id = :id")
                        .param("id", eventId)
                        .update())
                .as("the row housekeeping deletes after the retention")
                .isEqualTo(1);
        var applied = new AppliedEvents(jdbc); // a restarted instance: it remembers nothing
        var catchUp = new EventCatchUp(consumers, connection, applied, BOUND);

        assertThat(catchUp.awaitAggregate(Stream.USERS, id)).isTrue();

        jdbc.sql("drop table messaging_inbox").update(); // a look at the inbox would now fail
        assertThat(catchUp.awaitAggregate(Stream.USERS, id))
                .as("remembered once found")
                .isTrue();
    }

    private String consumerName() {
        return consumers.byType(Events.USER_CREATED).orElseThrow().name();
    }

    private boolean acknowledged() {
        return DurableConsumers.settled(connection, Stream.USERS.name(), consumerName());
    }
}
