package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch's inbox rows go in with one statement, with and without telling the other instances: each event the
 * consumer did not have is to be handled exactly once, even when the batch holds it twice, and an event it had is
 * a duplicate; for this consumer only.
 */
@dev.ticketing.platform.test.ServiceTest
class InboxTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(MessagingTestBeans.class)
    static class App {}

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @ParameterizedTest(name = "telling other instances: {0}")
    @ValueSource(booleans = {false, true})
    void aBatchRecordsEachNewEventOnceAndKnowsTheOnesHandledBefore(boolean notifyOtherInstances) {
        var inbox = new Inbox(JdbcClient.create(dataSource), notifyOtherInstances);
        var transactions = new TransactionTemplate(transactionManager);
        String consumer = "inbox-test-" + notifyOtherInstances;
        InboundEvent<String> before = event(UUID.randomUUID());
        InboundEvent<String> fresh = event(UUID.randomUUID());
        InboundEvent<String> other = event(UUID.randomUUID());
        transactions.executeWithoutResult(status -> inbox.recordAll(consumer, List.of(before)));
        transactions.executeWithoutResult(status -> inbox.recordAll("another-consumer", List.of(other)));

        Inbox.Recorded recorded =
                transactions.execute(status -> inbox.recordAll(consumer, List.of(before, fresh, other, fresh)));

        assertThat(recorded.first(before)).as("handled before").isFalse();
        assertThat(recorded.first(other)).as("new for this consumer").isTrue();
        assertThat(recorded.first(fresh)).as("new").isTrue();
        assertThat(recorded.first(fresh)).as("the same event again").isFalse();
        assertThat(JdbcClient.create(dataSource)
                        .sql("select count(*) from messaging_inbox where consumer = :consumer")
                        .param("consumer", consumer)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    private static InboundEvent<String> event(UUID eventId) {
        return new InboundEvent<>(
                new Envelope<>(eventId, "TEST.happened", Instant.now(), "aggregate-" + eventId, 1, "data"),
                Map.of(),
                1);
    }
}
