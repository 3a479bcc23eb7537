package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import io.nats.client.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay puts off marking published the rows that no request waits for (docs/decisions/0075): it publishes
 * them at once, marks them when the delay is up, or sooner, in one statement with a row that a request waits for.
 */
@ServiceTest
@TestPropertySource(
        properties = {
            "TICKETING_TRACING=off",
            "ticketing.messaging.relay-mark-delay=" + OutboxMarksTest.DELAY_MILLIS + "ms",
            "ticketing.messaging.relay-poll-interval=1h" // no claim by chance: only commits and the delay act
        })
class OutboxMarksTest {

    static final long DELAY_MILLIS = 2_500;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(MessagingTestBeans.class)
    static class App {}

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DataSource dataSource;

    @Autowired
    Connection connection;

    @Autowired
    PublishBeforeResponse publishBeforeResponse;

    @Test
    void aRowNobodyWaitsForIsPublishedAtOnceAndMarkedWhenTheDelayIsUp() {
        UUID id = appendCommitted("marks-alone");

        Poll.until("the row is in the stream", TIMEOUT, () -> inStream(id));
        Poll.until("the row is marked published, with nothing else to do", TIMEOUT, () -> publishedAt(id) != null);
    }

    @Test
    void theMarkOfARowNobodyWaitsForIsMadeWithTheNextRowARequestWaitsFor() {
        UUID quiet = appendCommitted("marks-quiet");
        Poll.until("the quiet row is in the stream", TIMEOUT, () -> inStream(quiet));
        long seen = System.nanoTime();

        UUID awaited;
        try (var request = publishBeforeResponse.begin()) {
            awaited = appendCommitted("marks-awaited");
            publishBeforeResponse.awaitPublished();
        }

        assertThat(publishedAt(awaited)).as("marked before the request answers").isNotNull();
        assumeThat(Duration.ofNanos(System.nanoTime() - seen))
                .as("the quiet row's delay was not up before the request's row was published")
                .isLessThan(Duration.ofMillis(DELAY_MILLIS));
        assertThat(publishedAt(quiet))
                .as("marked by the same statement (published_at is the statement's now())")
                .isEqualTo(publishedAt(awaited));
    }

    private UUID appendCommitted(String aggregateId) {
        return new TransactionTemplate(transactionManager)
                .execute(s -> outbox.append(
                        Events.USER_CREATED,
                        aggregateId,
                        1,
                        new UserCreated(aggregateId, aggregateId + "@example.com")));
    }

    private boolean inStream(UUID id) {
        return OutboxState.inStream(connection, Stream.USERS, id);
    }

    private OffsetDateTime publishedAt(UUID id) {
        return JdbcClient.create(dataSource)
                .sql("select published_at from messaging_outbox where id = :id")
                .param("id", id)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .list()
                .getFirst(); // null while unmarked
    }
}
