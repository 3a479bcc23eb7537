package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch's inbox rows go in with one statement, with and without telling the other instances: each event the
 * consumer did not have is to be handled exactly once, even when the batch holds it twice, and an event it had is
 * a duplicate; for this consumer only. A first delivery's row goes with the commit (docs/decisions/0082): the
 * handler runs at once, and its change is undone if the consumer had the event after all.
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

    @Autowired
    TestEffects effects;

    @ParameterizedTest(name = "telling other instances: {0}")
    @ValueSource(booleans = {false, true})
    void aBatchRecordsEachNewEventOnceAndKnowsTheOnesHandledBefore(boolean notifyOtherInstances) {
        var inbox = new Inbox(dataSource, notifyOtherInstances);
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

    @ParameterizedTest(name = "telling other instances: {0}")
    @ValueSource(booleans = {false, true})
    void aFirstDeliveryIsRecordedByItsCommitAndTakesEffectOnce(boolean notifyOtherInstances) throws Exception {
        var inbox = new Inbox(dataSource, notifyOtherInstances);
        String consumer = "inbox-first-" + notifyOtherInstances;
        InboundEvent<String> event = event(UUID.randomUUID());
        List<Integer> rowsSeenByTheHandler = new ArrayList<>();

        try (var listener = new Listener()) {
            boolean handled = inbox.handleFirstDelivery(
                    transactions(),
                    consumer,
                    handler(e -> {
                        rowsSeenByTheHandler.add(inboxRows(consumer, e));
                        effects.increment(consumer);
                    }),
                    event);

            assertThat(handled).isTrue();
            assertThat(rowsSeenByTheHandler)
                    .as("the row is not written before the commit")
                    .containsExactly(0);
            assertThat(inboxRows(consumer, event)).isEqualTo(1);
            assertThat(effects.count(consumer)).isEqualTo(1);
            if (notifyOtherInstances) {
                String expected = new AppliedNotification(
                                consumer,
                                event.envelope().eventId(),
                                event.envelope().aggregateId())
                        .payload();
                assertThat(listener.received(expected))
                        .as("notified at the commit")
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "telling other instances: {0}")
    @ValueSource(booleans = {false, true})
    void aFirstDeliveryOfAnEventTheConsumerHadIsUndoneAndSkipped(boolean notifyOtherInstances) {
        var inbox = new Inbox(dataSource, notifyOtherInstances);
        String consumer = "inbox-had-" + notifyOtherInstances;
        InboundEvent<String> event = event(UUID.randomUUID());
        transactions().executeWithoutResult(status -> inbox.recordAll(consumer, List.of(event)));

        boolean handled =
                inbox.handleFirstDelivery(transactions(), consumer, handler(e -> effects.increment(consumer)), event);

        assertThat(handled).isFalse();
        assertThat(effects.count(consumer))
                .as("the handler's change was rolled back")
                .isZero();
        assertThat(inboxRows(consumer, event)).isEqualTo(1);
    }

    @Test
    void aFirstDeliveryWhoseHandlerFailsLeavesNoRowAndIsHandledWhenDeliveredAgain() {
        var inbox = new Inbox(dataSource, false);
        String consumer = "inbox-failing";
        InboundEvent<String> event = event(UUID.randomUUID());

        assertThatThrownBy(() -> inbox.handleFirstDelivery(
                        transactions(),
                        consumer,
                        handler(e -> {
                            effects.increment(consumer);
                            throw new IllegalStateException("broken");
                        }),
                        event))
                .hasMessage("broken");
        assertThat(inboxRows(consumer, event)).isZero();
        assertThat(effects.count(consumer)).isZero();

        assertThat(inbox.handleOnce(transactions(), consumer, handler(e -> effects.increment(consumer)), event))
                .isTrue();
        assertThat(effects.count(consumer)).isEqualTo(1);
    }

    @Test
    void aBatchRecordedByItsCommitKeepsNothingWhenTheConsumerHadOneOfItsEvents() {
        var inbox = new Inbox(dataSource, false);
        String consumer = "inbox-batch-had";
        InboundEvent<String> had = event(UUID.randomUUID());
        InboundEvent<String> fresh = event(UUID.randomUUID());
        transactions().executeWithoutResult(status -> inbox.recordAll(consumer, List.of(had)));

        assertThatThrownBy(() -> transactions().executeWithoutResult(status -> {
                    inbox.recordAtCommit(consumer, List.of(fresh, had));
                    effects.increment(consumer);
                }))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(inboxRows(consumer, fresh)).isZero();
        assertThat(effects.count(consumer)).isZero();
    }

    @Test
    void aBatchOfFirstDeliveriesHoldingAnEventTwiceRecordsAndHandlesItOnce() {
        var inbox = new Inbox(dataSource, false);
        String consumer = "inbox-batch-twice";
        InboundEvent<String> event = event(UUID.randomUUID());
        InboundEvent<String> other = event(UUID.randomUUID());

        Inbox.Recorded recorded =
                transactions().execute(status -> inbox.recordAtCommit(consumer, List.of(event, other, event)));

        assertThat(recorded.first(event)).as("new").isTrue();
        assertThat(recorded.first(other)).as("new").isTrue();
        assertThat(recorded.first(event)).as("the same event again").isFalse();
        assertThat(inboxRows(consumer, event)).isEqualTo(1);
        assertThat(inboxRows(consumer, other)).isEqualTo(1);
    }

    @Test
    void aFirstDeliveryIsRecordedBeforeTheCommitUnderAPlainTransactionManager() {
        var inbox = new Inbox(dataSource, false);
        var plain = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        String consumer = "inbox-plain-manager";
        InboundEvent<String> event = event(UUID.randomUUID());

        assertThat(inbox.handleFirstDelivery(plain, consumer, handler(e -> effects.increment(consumer)), event))
                .isTrue();
        assertThat(inbox.handleFirstDelivery(plain, consumer, handler(e -> effects.increment(consumer)), event))
                .isFalse();
        assertThat(inboxRows(consumer, event)).isEqualTo(1);
        assertThat(effects.count(consumer)).isEqualTo(1);
    }

    /** A handler of the test's events, which the inbox never asks for its type. */
    private static EventHandler<String> handler(Consumer<InboundEvent<String>> body) {
        return new EventHandler<>() {
            @Override
            public EventType<String> eventType() {
                throw new UnsupportedOperationException("not asked by the inbox");
            }

            @Override
            public void handle(InboundEvent<String> event) {
                body.accept(event);
            }
        };
    }

    private TransactionTemplate transactions() {
        return new TransactionTemplate(transactionManager);
    }

    private int inboxRows(String consumer, InboundEvent<?> event) {
        return JdbcClient.create(dataSource)
                .sql("select count(*) from messaging_inbox where consumer = :consumer and event_id = :eventId")
                .param("consumer", consumer)
                .param("eventId", event.envelope().eventId())
                .query(Integer.class)
                .single();
    }

    /** A connection of its own that listens to the applied events' channel. */
    private final class Listener implements AutoCloseable {

        private final java.sql.Connection connection;

        Listener() throws SQLException {
            connection = dataSource.getConnection();
            try (var statement = connection.createStatement()) {
                statement.execute("listen " + AppliedNotification.CHANNEL);
            }
        }

        /** Whether the payload arrives within a few seconds (other tests may notify meanwhile). */
        boolean received(String payload) throws SQLException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                PGNotification[] received =
                        connection.unwrap(PGConnection.class).getNotifications(500);
                for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                    if (notification.getParameter().equals(payload)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static InboundEvent<String> event(UUID eventId) {
        return new InboundEvent<>(
                new Envelope<>(eventId, "TEST.happened", Instant.now(), "aggregate-" + eventId, 1, "data"),
                Map.of(),
                1);
    }
}
