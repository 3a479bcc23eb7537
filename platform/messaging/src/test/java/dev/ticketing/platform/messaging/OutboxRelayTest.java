package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.ClassInfrastructure;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import dev.ticketing.platform.test.TestBroker;
import dev.ticketing.platform.test.TestBroker.StoredMessage;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ServiceTest
@TestPropertySource(
        properties = {
            "TICKETING_TRACING=off", // the MDC carries the trace here; MessageTracingTest covers spans
            "ticketing.messaging.relay-batch-size=10",
            "ticketing.messaging.publish-timeout=2s"
        })
class OutboxRelayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(MessagingTestBeans.class)
    static class App {

        /** Consumes what the outbox publishes, to show that consumers resume after a broker restart. */
        @Bean
        EventHandler<UserCreated> userCreatedCounter(TestEffects effects) {
            return EventHandler.of(
                    Events.USER_CREATED,
                    event -> effects.increment(event.envelope().aggregateId()));
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestEffects effects;

    @Autowired
    Connection connection;

    @Autowired
    OutboxRelay relay;

    @Autowired
    MessagingProperties properties;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meterRegistry;

    private TransactionTemplate tx() {
        return new TransactionTemplate(transactionManager);
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private UUID appendCommitted(String aggregateId) {
        return tx().execute(s -> outbox.append(
                Events.USER_CREATED, aggregateId, 1, new UserCreated(aggregateId, aggregateId + "@example.com")));
    }

    private Map<String, StoredMessage> streamByMsgId() {
        return TestBroker.messages(connection, Stream.USERS.name()).stream()
                .collect(Collectors.toMap(m -> m.header(Headers.MSG_ID), Function.identity()));
    }

    private boolean published(UUID id) {
        return OutboxState.published(dataSource, id);
    }

    @Test
    void appendingOutsideATransactionIsABug() {
        assertThatThrownBy(() ->
                        outbox.append(Events.USER_CREATED, "u-none", 1, new UserCreated("u-none", "none@example.com")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
        assertThat(jdbc().sql("select count(*) from messaging_outbox where aggregate_id = 'u-none'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aCommittedEventIsPublishedOnceWithItsHeaders() {
        UUID id = appendCommitted("u-commit");

        Poll.until("the row is published", TIMEOUT, () -> published(id));
        List<StoredMessage> copies = TestBroker.messages(connection, Stream.USERS.name()).stream()
                .filter(m -> id.toString().equals(m.header(Headers.MSG_ID)))
                .toList();
        assertThat(copies).hasSize(1);
        StoredMessage message = copies.getFirst();
        assertThat(message.subject()).as("keyed by the aggregate").isEqualTo("USER.created.u-commit");
        assertThat(message.header(Headers.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        assertThat(message.header(Headers.EVENT_TYPE)).isEqualTo("USER.created");
        assertThat(message.header(Headers.SCHEMA_VERSION)).isEqualTo("1");
        assertThat(message.payload())
                .contains("\"eventId\":\"" + id + "\"")
                .contains("\"type\":\"USER.created\"")
                .contains("\"aggregateId\":\"u-commit\"")
                .contains("\"email\":\"u-commit@example.com\"");
    }

    @Test
    void extraHeadersAndTheCurrentTraceAreCarried() {
        String parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        org.slf4j.MDC.put("traceparent", parent);
        UUID id;
        try {
            id = tx().execute(s -> outbox.append(
                    Events.USER_CREATED,
                    "u-trace",
                    1,
                    new UserCreated("u-trace", "t@example.com"),
                    Map.of(Headers.FAULT_INJECTION, "delay")));
        } finally {
            org.slf4j.MDC.remove("traceparent");
        }
        Poll.until("the row is published", TIMEOUT, () -> published(id));
        var message = streamByMsgId().get(id.toString());
        assertThat(message.header(Headers.FAULT_INJECTION)).isEqualTo("delay");
        assertThat(message.header(Headers.TRACEPARENT))
                .startsWith("00-0af7651916cd43dd8448eb211c80319c-")
                .isNotEqualTo(parent);
    }

    @Test
    void aRolledBackEventIsNeverPublished() {
        UUID rolledBack = tx().execute(s -> {
            UUID id =
                    outbox.append(Events.USER_CREATED, "u-rollback", 1, new UserCreated("u-rollback", "r@example.com"));
            s.setRollbackOnly();
            return id;
        });
        // an event committed afterwards is relayed after anything committed before it
        UUID later = appendCommitted("u-after-rollback");
        Poll.until("the later event is published", TIMEOUT, () -> published(later));

        assertThat(streamByMsgId()).containsKey(later.toString()).doesNotContainKey(rolledBack.toString());
        assertThat(jdbc().sql("select count(*) from messaging_outbox where id = :id")
                        .param("id", rolledBack)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aRowHandedOverToARelayThatWentAwayIsClaimedOnceItsLeaseRunsOut() {
        UUID id = tx().execute(s -> {
            UUID appended = outbox.append(
                    Events.USER_CREATED, "u-handed-over", 1, new UserCreated("u-handed-over", "h@example.com"));
            relay.stop(); // the relay that was to get it from memory goes away before the commit
            return appended;
        });
        try {
            assertThat(leased(id)).as("inserted leased to the relay").isTrue();
            assertThat(published(id)).isFalse();
        } finally {
            relay.start(); // as any other instance's relay would, it claims the row once nobody holds it
        }

        Poll.until("the row is published once its lease has run out", TIMEOUT, () -> published(id));
        assertThat(streamByMsgId()).containsKey(id.toString());
    }

    @Test
    void twoRelaysOnOneDatabasePublishEveryEventExactlyOnce() throws Exception {
        // every publish, duplicates included, as the broker routes it (JetStream would hide duplicates)
        Map<String, AtomicInteger> publishes = new ConcurrentHashMap<>();
        Dispatcher spy = connection.createDispatcher(m -> publishes
                .computeIfAbsent(m.getHeaders().getFirst(Headers.MSG_ID), k -> new AtomicInteger())
                .incrementAndGet());
        spy.subscribe("USER.created.*");
        connection.flush(Duration.ofSeconds(5));

        relay.stop(); // let the backlog build up, then start both relays on it at once
        List<UUID> ids = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            int batch = t;
            ids.addAll(tx().execute(s -> {
                var inTx = new ArrayList<UUID>();
                for (int i = 0; i < 10; i++) {
                    inTx.add(outbox.append(
                            Events.USER_CREATED,
                            "u-pair-" + batch + "-" + i,
                            1,
                            new UserCreated("u-pair-" + batch + "-" + i, "p@example.com")));
                }
                return inTx;
            }));
        }
        try (Connection second = Nats.connect(connection.getConnectedUrl())) {
            var otherRelay = new OutboxRelay(
                    JdbcClient.create(dataSource),
                    second.jetStream(),
                    new StreamSetup(second, JetStreamOptions.DEFAULT_JS_OPTIONS, 1),
                    new EnvelopeCodec(),
                    properties);
            otherRelay.start();
            relay.start();
            try {
                Poll.until(
                        "all 200 rows are published",
                        TIMEOUT,
                        () -> ids.stream().allMatch(this::published));
            } finally {
                otherRelay.stop();
            }
        }
        connection.flush(Duration.ofSeconds(5)); // everything routed before the PubAcks has reached the spy
        connection.closeDispatcher(spy);

        Map<String, StoredMessage> stored = streamByMsgId();
        Set<String> expected = ids.stream().map(UUID::toString).collect(Collectors.toSet());
        assertThat(expected).hasSize(200);
        assertThat(stored.keySet()).containsAll(expected);
        for (String id : expected) {
            assertThat(publishes.get(id)).as("publishes of %s", id).hasValue(1);
        }
    }

    @Test
    void theRelayHoldsNoTransactionWhileItWaitsForTheBroker(ClassInfrastructure infrastructure) throws Exception {
        long natsPid = infrastructure.nats().pid();
        signal(natsPid, "STOP"); // connected but silent: every publish waits for its acknowledgement
        UUID id;
        try {
            id = appendCommitted("u-frozen-broker");
            Poll.until("the relay took the row", TIMEOUT, () -> leased(id) || openTransactions() > 0);
            assertThat(openTransactions())
                    .as("sessions in a transaction while the publish waits")
                    .isZero();
            assertThat(leased(id)).isTrue();
            assertThat(published(id)).isFalse();
        } finally {
            signal(natsPid, "CONT");
        }
        Poll.until("published once the broker answers", TIMEOUT, () -> published(id));
        assertThat(streamByMsgId()).containsKey(id.toString());
    }

    private boolean leased(UUID id) {
        return jdbc().sql("select claimed_until is not null from messaging_outbox where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** Sessions of this database (other than ours) sitting in an open transaction. */
    private long openTransactions() {
        return jdbc().sql("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid()
                          and state = 'idle in transaction'""").query(Long.class).single();
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    void eventsCommittedWhileNatsIsDownArriveWhenItIsBack(ClassInfrastructure infrastructure) {
        infrastructure.nats().stop();
        List<UUID> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(appendCommitted("u-outage-" + i));
            }
            Poll.until("the relay has failed to publish them", TIMEOUT, () -> relay.consecutiveFailures() > 0);
            assertThat(ids).noneMatch(this::published);
        } finally {
            infrastructure.nats().restart();
        }

        Poll.until(
                "the events committed during the outage are published",
                TIMEOUT,
                () -> ids.stream().allMatch(this::published));
        assertThat(streamByMsgId().keySet())
                .containsAll(ids.stream().map(UUID::toString).toList());
        // and the consumer, which lost its connection too, handled each of them once
        Poll.until(
                "the consumer handled them",
                TIMEOUT,
                () -> java.util.stream.IntStream.range(0, ids.size())
                        .allMatch(i -> effects.count("u-outage-" + i) == 1));
    }

    @Test
    void theGaugeCountsUnpublishedRows() {
        var gauge =
                meterRegistry.get(MessagingAutoConfiguration.UNPUBLISHED_METRIC).gauge();
        relay.stop();
        try {
            UUID id = appendCommitted("u-gauge");
            assertThat(gauge.value()).isGreaterThanOrEqualTo(1);
            relay.start();
            Poll.until("the row is published", TIMEOUT, () -> published(id));
        } finally {
            relay.start();
        }
        Poll.until("nothing is left unpublished", TIMEOUT, () -> gauge.value() == 0);
    }

    @Test
    void housekeepingDeletesOnlyOldPublishedRowsAndOldInboxEntries() {
        UUID old = UUID.randomUUID();
        UUID oldUnpublished = UUID.randomUUID();
        UUID oldInbox = UUID.randomUUID();
        UUID recentInbox = UUID.randomUUID();
        relay.stop(); // the old unpublished row must stay unpublished while we look
        try {
            jdbc().sql("""
                            insert into messaging_outbox
                              (id, subject, aggregate_id, aggregate_version, payload, headers, created_at, published_at)
                            values (:old, 'USER.created', 'h', 1, '{}', '{}', now() - interval '2 days',
                                    now() - interval '2 days'),
                                   (:unpublished, 'USER.created', 'h', 1, '{}', '{}', now() - interval '2 days', null)
                            """)
                    .param("old", old)
                    .param("unpublished", oldUnpublished)
                    .update();
            jdbc().sql("""
                            insert into messaging_inbox (consumer, event_id, processed_at)
                            values ('c', :old, now() - interval '40 days'), ('c', :recent, now())
                            """).param("old", oldInbox).param("recent", recentInbox).update();

            new Housekeeping(jdbc(), properties).run();

            assertThat(jdbc().sql("select id from messaging_outbox where id in (:ids)")
                            .param("ids", List.of(old, oldUnpublished))
                            .query(UUID.class)
                            .list())
                    .containsExactly(oldUnpublished);
            assertThat(jdbc().sql("select event_id from messaging_inbox where consumer = 'c'")
                            .query(UUID.class)
                            .list())
                    .containsExactly(recentInbox);
        } finally {
            jdbc().sql("delete from messaging_outbox where id = :id")
                    .param("id", oldUnpublished)
                    .update();
            relay.start();
        }
    }

    @Test
    void streamSetUpIsIdempotent() throws Exception {
        var setup = new StreamSetup(connection, JetStreamOptions.DEFAULT_JS_OPTIONS, 1);
        setup.ensure(Stream.ORDERS);
        setup.ensure(Stream.ORDERS);
        new StreamSetup(connection, JetStreamOptions.DEFAULT_JS_OPTIONS, 1).ensure(Stream.ORDERS);

        var info = connection.jetStreamManagement().getStreamInfo("ORDERS");
        assertThat(info.getConfiguration().getSubjects()).containsExactly("ORDER.>");
        assertThat(info.getConfiguration().getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(info.getConfiguration().getStorageType()).isEqualTo(io.nats.client.api.StorageType.File);
    }

    @Test
    void aStreamOfOneReplicaAnswersDirectGetsAndAnOlderOneIsUpdatedToDoSo() throws Exception {
        var jsm = connection.jetStreamManagement();
        var older = io.nats.client.api.StreamConfiguration.builder(StreamSetup.configuration(Stream.TICKETS, 1))
                .allowDirect(false)
                .build();
        new StreamSetup(connection, JetStreamOptions.DEFAULT_JS_OPTIONS, 1).ensure(Stream.TICKETS);
        jsm.updateStream(older); // as a stream set up before direct gets were allowed
        assertThat(jsm.getStreamInfo("TICKETS").getConfiguration().getAllowDirect())
                .isFalse();

        new StreamSetup(connection, JetStreamOptions.DEFAULT_JS_OPTIONS, 1).ensure(Stream.TICKETS);

        assertThat(jsm.getStreamInfo("TICKETS").getConfiguration().getAllowDirect())
                .isTrue();
        // every replica answers direct gets, and a follower may lag behind the last write
        assertThat(StreamSetup.configuration(Stream.TICKETS, 3).getAllowDirect())
                .isFalse();
    }

    @Test
    void instancesSettingUpTheSameStreamAtOnceAllSucceed() throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var results = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    new StreamSetup(connection, JetStreamOptions.DEFAULT_JS_OPTIONS, 1).ensure(Stream.PAYMENTS);
                    return null;
                }));
            }
            for (var result : results) {
                result.get(); // throws if any instance failed
            }
        }
        assertThat(connection
                        .jetStreamManagement()
                        .getStreamInfo("PAYMENTS")
                        .getConfiguration()
                        .getSubjects())
                .containsExactly("PAYMENT.>");
    }
}
