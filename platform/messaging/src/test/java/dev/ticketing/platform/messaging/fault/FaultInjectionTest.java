package dev.ticketing.platform.messaging.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.OrderCreated;
import dev.ticketing.contracts.Events.OrderPaid;
import dev.ticketing.contracts.Events.OrderTicket;
import dev.ticketing.contracts.FaultPlan;
import dev.ticketing.contracts.FaultPlan.Mode;
import dev.ticketing.contracts.FaultPlan.Step;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.contracts.ProcessHalt;
import dev.ticketing.platform.messaging.DurableConsumers;
import dev.ticketing.platform.messaging.EventHandler;
import dev.ticketing.platform.messaging.InboundEvent;
import dev.ticketing.platform.messaging.Outbox;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.nats.client.Connection;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seam against a real PostgreSQL and nats-server: a planned crash halts once, right after the step committed,
 * and the redelivery then finds the step done. The halt is recorded instead of performed (the test's JVM must
 * live on); it then throws, so that the message is not acknowledged, as it would not be by a halted process.
 */
@ServiceTest
@TestPropertySource(
        properties = {
            "ticketing.faults-enabled=true",
            "ticketing.messaging.consumer-batch-size=1",
            "ticketing.messaging.backoff=100ms"
        })
class FaultInjectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String RESERVE_CONSUMER = "msgtest-ORDER_created";
    private static final String DELIVERY_CONSUMER = "msgtest-ORDER_paid";

    /** Every halt, with what another connection saw committed at that moment. */
    static final class RecordingHalt implements ProcessHalt {
        final List<Integer> statuses = new CopyOnWriteArrayList<>();
        final List<Integer> effectsCommittedAtHalt = new CopyOnWriteArrayList<>();
        volatile JdbcClient jdbc;
        volatile String watched;

        @Override
        public void halt(int status) {
            if (watched != null) {
                // another thread, so another connection: it sees only what has committed
                effectsCommittedAtHalt.add(CompletableFuture.supplyAsync(() -> effects(jdbc, watched))
                        .join());
            }
            statuses.add(status); // last: a test that sees the halt here finds what was committed at it
            throw new IllegalStateException("halted with " + status);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        MeterRegistry meterRegistry() {
            return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        }

        @Bean
        RecordingHalt recordingHalt() {
            return new RecordingHalt();
        }

        /** A reserve step: takes effect, remembers the order's plan and crashes when the plan says so. */
        @Bean
        EventHandler<OrderCreated> reserve(DataSource dataSource, FaultInjection faults) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            return EventHandler.of(Events.ORDER_CREATED, event -> {
                String orderId = event.data().id();
                FaultPlan plan = faults.plan(orderId, event);
                faults.remember(orderId, plan);
                increment(jdbc, orderId + "/reserve");
                if (plan.has(Step.RESERVE, Mode.CRASH)) {
                    faults.crashOnceAfterCommit(orderId, Step.RESERVE);
                }
            });
        }

        /** A delivery step, whose event may come without the plan. */
        @Bean
        EventHandler<OrderPaid> deliver(DataSource dataSource, FaultInjection faults) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            return EventHandler.of(Events.ORDER_PAID, event -> {
                String orderId = event.data().id();
                increment(jdbc, orderId + "/delivery");
                if (faults.plan(orderId, event).has(Step.DELIVERY, Mode.CRASH)) {
                    faults.crashOnceAfterCommit(orderId, Step.DELIVERY);
                }
            });
        }
    }

    @Autowired
    FaultInjection faults;

    @Autowired
    RecordingHalt halt;

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DataSource dataSource;

    @Autowired
    Connection connection;

    @Autowired
    MeterRegistry meters;

    @Test
    void aPlannedCrashHaltsOnceAfterTheCommitAndTheRedeliveryFindsTheStepDone() {
        String orderId = UUID.randomUUID().toString();
        halt.jdbc = jdbc();
        halt.watched = orderId + "/reserve";
        int haltsBefore = halt.statuses.size();

        publish(Events.ORDER_CREATED, orderId, created(orderId), "reserve=crash");

        Poll.until("the crash", TIMEOUT, () -> halt.statuses.size() == haltsBefore + 1);
        assertThat(halt.statuses.getLast()).isEqualTo(ProcessHalt.CRASH_STATUS);
        assertThat(halt.effectsCommittedAtHalt.getLast())
                .as("the step had committed when the process halted")
                .isEqualTo(1);
        Poll.until(
                "redelivered and acknowledged",
                TIMEOUT,
                () -> redeliveries(RESERVE_CONSUMER) >= 1 && settled(RESERVE_CONSUMER, "ORDERS"));
        assertThat(effects(jdbc(), orderId + "/reserve"))
                .as("the redelivery found the step done")
                .isEqualTo(1);
        assertThat(crashes(orderId)).containsExactly("reserve");

        // the same step of the same order again, under a new event id: it runs, and does not crash again
        publish(Events.ORDER_CREATED, orderId, created(orderId), "reserve=crash");
        Poll.until("the step ran again", TIMEOUT, () -> effects(jdbc(), orderId + "/reserve") == 2);
        Poll.until("acknowledged", TIMEOUT, () -> settled(RESERVE_CONSUMER, "ORDERS"));
        assertThat(halt.statuses).hasSize(haltsBefore + 1);
    }

    @Test
    void theRememberedPlanCrashesALaterStepWhoseEventCameWithoutIt() {
        String orderId = UUID.randomUUID().toString();
        halt.watched = null;
        int haltsBefore = halt.statuses.size();
        publish(Events.ORDER_CREATED, orderId, created(orderId), " Delivery = CRASH, nonsense");
        Poll.until("the reserve step", TIMEOUT, () -> effects(jdbc(), orderId + "/reserve") == 1);
        assertThat(faults.plan(orderId).faults()).isEqualTo(Map.of(Step.DELIVERY, Mode.CRASH));
        assertThat(faults.headers(orderId)).isEqualTo(Map.of(Headers.FAULT_INJECTION, "delivery=crash"));

        publish(Events.ORDER_PAID, orderId, new OrderPaid(orderId, 1, "p1"), null);

        Poll.until("the crash", TIMEOUT, () -> halt.statuses.size() == haltsBefore + 1);
        Poll.until(
                "redelivered and acknowledged",
                TIMEOUT,
                () -> redeliveries(DELIVERY_CONSUMER) >= 1 && settled(DELIVERY_CONSUMER, "ORDERS"));
        publish(Events.ORDER_PAID, orderId, new OrderPaid(orderId, 1, "p1"), "delivery=crash");
        Poll.until("the step ran again", TIMEOUT, () -> effects(jdbc(), orderId + "/delivery") == 2);
        Poll.until("acknowledged", TIMEOUT, () -> settled(DELIVERY_CONSUMER, "ORDERS"));
        assertThat(halt.statuses).hasSize(haltsBefore + 1);
        assertThat(crashes(orderId)).containsExactly("delivery");
    }

    @Test
    void aRolledBackStepNeitherCrashesNorUsesTheCrashUp() {
        String orderId = UUID.randomUUID().toString();
        halt.watched = null;
        int haltsBefore = halt.statuses.size();
        var transactions = new TransactionTemplate(transactionManager);

        transactions.executeWithoutResult(tx -> {
            faults.crashOnceAfterCommit(orderId, Step.PAYMENT);
            tx.setRollbackOnly();
        });
        assertThat(halt.statuses).hasSize(haltsBefore);
        assertThat(crashes(orderId)).isEmpty();

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    faults.crashOnceAfterCommit(orderId, Step.PAYMENT);
                    assertThat(halt.statuses).as("not before the commit").hasSize(haltsBefore);
                }))
                .hasMessage("halted with 137");
        assertThat(halt.statuses).hasSize(haltsBefore + 1);

        transactions.executeWithoutResult(tx -> faults.crashOnceAfterCommit(orderId, Step.PAYMENT));
        assertThat(halt.statuses).hasSize(haltsBefore + 1);
        assertThat(crashes(orderId)).containsExactly("payment");
        assertThatThrownBy(() -> faults.crashOnceAfterCommit(orderId, Step.PAYMENT))
                .hasMessageContaining("needs the step's transaction");
    }

    @Test
    void aPlanEntersStrictlyFromARequestAndTheFirstOneRememberedStays() {
        String orderId = UUID.randomUUID().toString();
        assertThatThrownBy(() -> faults.fromRequest("create=explode")).isInstanceOf(FaultPlan.MalformedFaultPlan.class);
        FaultPlan plan = faults.fromRequest(" Payment=timeout ,reserve=FAIL");

        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            faults.remember(orderId, plan);
            faults.remember(orderId, FaultPlan.parse("payment=crash"));
        });

        assertThat(faults.plan(orderId)).isEqualTo(plan);
        assertThat(faults.headers(orderId)).isEqualTo(Map.of(Headers.FAULT_INJECTION, "reserve=fail, payment=timeout"));
        assertThat(faults.headers(UUID.randomUUID().toString())).isEmpty();
    }

    /** Off unless configured: no plan is read or kept and nothing halts, whatever a client or an event says. */
    @Test
    void offUnlessConfigured() {
        assertThat(new Binder(new MapConfigurationPropertySource())
                        .bindOrCreate("ticketing", FaultInjectionProperties.class)
                        .faultsEnabled())
                .as("the default")
                .isFalse();

        String planned = UUID.randomUUID().toString();
        String unplanned = UUID.randomUUID().toString();
        JdbcClient jdbc = jdbc();
        var off = new FaultInjection(false, new FaultPlans(jdbc), new CrashOnce(jdbc, halt));
        int haltsBefore = halt.statuses.size();
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            faults.remember(planned, FaultPlan.parse("payment=crash")); // as an enabled instance did
            assertThat(off.fromRequest("not a plan at all")).isEqualTo(FaultPlan.NONE);
            off.remember(unplanned, FaultPlan.parse("reserve=crash"));
            off.crashOnceAfterCommit(planned, Step.PAYMENT);
        });

        assertThat(off.enabled()).isFalse();
        assertThat(off.plan(planned)).isEqualTo(FaultPlan.NONE);
        assertThat(off.plan(
                        planned,
                        new InboundEvent<>(
                                new Envelope<>(
                                        UUID.randomUUID(),
                                        "ORDER.created",
                                        Instant.now(),
                                        planned,
                                        0,
                                        created(planned)),
                                Map.of(Headers.FAULT_INJECTION, "reserve=crash"),
                                1)))
                .isEqualTo(FaultPlan.NONE);
        assertThat(off.headers(planned)).isEmpty();
        assertThat(faults.plan(unplanned)).as("nothing remembered").isEqualTo(FaultPlan.NONE);
        assertThat(halt.statuses).hasSize(haltsBefore);
        assertThat(crashes(planned)).isEmpty();
    }

    // --- helpers

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private <T> void publish(EventType<T> type, String orderId, T data, String plan) {
        new TransactionTemplate(transactionManager)
                .executeWithoutResult(tx -> outbox.append(
                        type, orderId, 1, data, plan == null ? Map.of() : Map.of(Headers.FAULT_INJECTION, plan)));
    }

    private static OrderCreated created(String orderId) {
        return new OrderCreated(
                orderId,
                0,
                "buyer",
                OrderStatus.CREATED,
                Instant.now().plusSeconds(900),
                1,
                new BigDecimal("10.00"),
                new OrderTicket("t-" + orderId, new BigDecimal("10.00"), "seller"));
    }

    private static void increment(JdbcClient jdbc, String key) {
        jdbc.sql("""
                        insert into test_effect (key, count) values (:key, 1)
                        on conflict (key) do update set count = test_effect.count + 1
                        """).param("key", key).update();
    }

    private static int effects(JdbcClient jdbc, String key) {
        return jdbc.sql("select count from test_effect where key = :key")
                .param("key", key)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    private List<String> crashes(String orderId) {
        return jdbc().sql("select step from messaging_fault_crashes where order_id = :o order by step")
                .param("o", orderId)
                .query(String.class)
                .list();
    }

    private double redeliveries(String consumer) {
        var counter = Search.in(meters)
                .name("ticketing.messaging.redeliveries")
                .tag("consumer", consumer)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private boolean settled(String consumer, String stream) {
        return DurableConsumers.settled(connection, stream, consumer);
    }
}
