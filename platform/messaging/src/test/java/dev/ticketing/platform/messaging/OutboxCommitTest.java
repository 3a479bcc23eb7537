package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import io.nats.client.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox rows of a transaction are written with its commit (docs/decisions/0081): stored together with the
 * change or not at all, forgotten with a savepoint rolled back to, kept apart for a transaction that suspends
 * another, and written before the commit under a transaction manager that does not carry them.
 */
@ServiceTest
class OutboxCommitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(MessagingTestBeans.class)
    static class App {}

    @Autowired
    DataSource dataSource;

    @Autowired
    Connection connection;

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    private JdbcClient jdbc;
    private TransactionTemplate transactions;

    @BeforeEach
    void changesTable() {
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(transactionManager);
        jdbc.sql("create table if not exists changes (id text primary key)").update();
        // an outbox row that cannot be written: a trigger refuses the aggregate "unwritable"
        jdbc.sql("""
                        create or replace function refuse_unwritable() returns trigger language plpgsql as $$
                        begin
                          if new.aggregate_id like 'unwritable%' then raise exception 'refused by the test'; end if;
                          return new;
                        end $$
                        """).update();
        jdbc.sql("""
                        create or replace trigger refuse_unwritable before insert on messaging_outbox
                        for each row execute function refuse_unwritable()
                        """).update();
    }

    @Test
    void theServicesCommitsCarryTheirOutboxRows() {
        assertThat(transactionManager).isInstanceOf(OutboxCommittingTransactionManager.class);

        UUID eventId = transactions.execute(status -> changeAndAppend("carried"));

        assertThat(changed("carried")).isTrue();
        assertThat(stored(eventId)).isTrue();
        Poll.until("the event is published", TIMEOUT, () -> published(eventId));
    }

    @Test
    void aCommitWhoseOutboxRowCannotBeWrittenKeepsNothing() {
        assertThatThrownBy(() -> transactions.execute(status -> changeAndAppend("unwritable")))
                .isInstanceOfAny(DataAccessException.class, TransactionException.class)
                .hasStackTraceContaining("refused by the test");

        assertThat(changed("unwritable")).as("the change of the failed commit").isFalse();
        assertThat(jdbc.sql("select count(*) from messaging_outbox where aggregate_id = 'unwritable'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anEventAppendedInASavepointRolledBackToIsNeitherStoredNorPublished() {
        var savepoint = new TransactionTemplate(transactionManager);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

        UUID[] undone = new UUID[1];
        UUID kept = transactions.execute(status -> {
            savepoint.executeWithoutResult(inner -> {
                undone[0] = changeAndAppend("undone");
                inner.setRollbackOnly();
            });
            return changeAndAppend("kept"); // appended after: the relay publishes in this order
        });

        assertThat(stored(kept)).isTrue();
        assertThat(changed("undone")).isFalse();
        assertThat(stored(undone[0])).isFalse();
        Poll.until("the kept event is published", TIMEOUT, () -> published(kept));
        assertThat(Poll.neverUntil(() -> inStream(undone[0]), Instant.now().plusMillis(500)))
                .as("the undone event never reaches the stream")
                .isTrue();
    }

    @Test
    void aTransactionThatSuspendsAnotherCommitsOnlyItsOwnRows() {
        var own = new TransactionTemplate(transactionManager);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        UUID[] inner = new UUID[1];
        UUID outer = transactions.execute(status -> {
            UUID appended = changeAndAppend("suspended");
            inner[0] = own.execute(innerStatus -> changeAndAppend("own"));
            status.setRollbackOnly();
            return appended;
        });

        assertThat(stored(inner[0])).isTrue();
        assertThat(changed("own")).isTrue();
        assertThat(stored(outer)).isFalse();
        assertThat(changed("suspended")).isFalse();
    }

    @Test
    void underAnotherTransactionManagerTheRowsAreWrittenBeforeTheCommit() {
        var plain = new TransactionTemplate(new JdbcTransactionManager(dataSource));

        UUID eventId = plain.execute(status -> changeAndAppend("plain"));

        assertThat(stored(eventId)).isTrue();
        assertThat(changed("plain")).isTrue();
        Poll.until("the event is published", TIMEOUT, () -> published(eventId));
    }

    private UUID changeAndAppend(String id) {
        String key = id + "-" + UUID.randomUUID();
        jdbc.sql("insert into changes (id) values (:id)").param("id", id).update();
        return outbox.append(Events.USER_CREATED, key, 1, new UserCreated(key, key + "@example.com"));
    }

    private boolean changed(String id) {
        return jdbc.sql("select count(*) from changes where id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    private boolean stored(UUID eventId) {
        return OutboxState.stored(dataSource, eventId);
    }

    private boolean published(UUID eventId) {
        return OutboxState.published(dataSource, eventId);
    }

    private boolean inStream(UUID eventId) {
        return OutboxState.inStream(connection, Stream.USERS, eventId);
    }
}
