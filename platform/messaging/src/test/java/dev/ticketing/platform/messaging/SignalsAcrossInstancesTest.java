package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import dev.ticketing.platform.embedded.NatsServerProcess;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.TestInfrastructure;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances of one service (docs/decisions/0071): two application contexts on one database and one nats-server,
 * sharing their durable consumer. Instance A consumes nothing (its consumers are stopped), so every event is applied
 * by instance B, and a wait in A can only be woken by B's notification through A's listener.
 *
 * <p>The waits are bounded by {@link #BOUND}; each test expects them to end within {@link #WOKEN}, far shorter, which
 * only a signal can do (a missing one would make the test fail after {@code WOKEN}).
 */
class SignalsAcrossInstancesTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration WOKEN = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CONSUMER = "msgtest-USER_created";

    /** Aggregates whose handling in B waits at a gate the test opens. */
    static final Map<String, Gate> GATES = new ConcurrentHashMap<>();
    /** Aggregates whose handling fails (and, with max-deliver 1, is parked at once). */
    static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

    record Gate(CountDownLatch entered, CountDownLatch open) {
        Gate() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }

        void pass() {
            entered.countDown();
            try {
                open.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(MessagingTestBeans.class)
    static class App {

        @Bean
        EventHandler<UserCreated> userCreated(TestEffects effects) {
            return EventHandler.of(Events.USER_CREATED, event -> {
                String id = event.envelope().aggregateId();
                if (FAILING.contains(id)) {
                    throw new IllegalStateException("failing by the test");
                }
                Gate gate = GATES.get(id);
                if (gate != null) {
                    gate.pass();
                }
                effects.increment(id);
            });
        }
    }

    private static String database;
    private static NatsServerProcess nats;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        database = TestInfrastructure.freshDatabase("across_instances");
        nats = TestInfrastructure.freshNats();
        a = instance();
        b = instance();
        a.getBean(EventConsumers.class).stop(); // from here on only B applies events
    }

    @AfterAll
    static void stopThem() {
        for (var context : new ConfigurableApplicationContext[] {a, b}) {
            if (context != null) {
                context.close();
            }
        }
        if (nats != null) {
            nats.stop();
        }
        TestInfrastructure.postgres().dropDatabase(database);
    }

    private static ConfigurableApplicationContext instance() {
        EmbeddedPostgresServer postgres = TestInfrastructure.postgres();
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of(
                        "spring.datasource.url",
                        postgres.jdbcUrl(database),
                        "spring.datasource.username",
                        EmbeddedPostgresServer.SUPERUSER,
                        "spring.datasource.password",
                        postgres.superuserPassword(),
                        "ticketing.nats.url",
                        nats.url(),
                        "ticketing.messaging.signal-other-instances",
                        "true",
                        "ticketing.messaging.catch-up-timeout",
                        BOUND.toString(),
                        "ticketing.messaging.publish-before-response",
                        BOUND.toString(),
                        "ticketing.messaging.max-deliver",
                        "1",
                        "ticketing.messaging.dead-letter-poll-interval",
                        "200ms"))
                .run();
    }

    @BeforeEach
    void bothListen() {
        Poll.until("both instances listen", TIMEOUT, () -> listenerSessions().size() == 2);
        assertThat(a.getBean(AppliedEvents.class).waiting())
                .as("no wait left over")
                .isZero();
    }

    @Test
    void aWaitForTheLastEventOfAnAggregateEndsWhenAnotherInstanceAppliesIt() throws Exception {
        EventCatchUp catchUp = a.getBean(EventCatchUp.class);

        var caughtUp = appliedByBWhileAWaits("across-last", id -> catchUp.awaitAggregate(Stream.USERS, id, BOUND));

        assertThat(caughtUp.get(WOKEN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(effects(a).count("across-last"))
                .as("visible in A once woken")
                .isEqualTo(1);
    }

    @Test
    void aWaitForTheFirstEventOfAnAggregateEndsWhenAnotherInstanceAppliesIt() throws Exception {
        EventCatchUp catchUp = a.getBean(EventCatchUp.class);
        TestEffects effects = effects(a);

        var caughtUp = appliedByBWhileAWaits(
                "across-first", id -> catchUp.awaitFirst(Events.USER_CREATED, id, () -> effects.count(id) == 1));

        assertThat(caughtUp.get(WOKEN.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theNotificationNamesTheConsumerTheEventAndItsAggregate() throws Exception {
        try (Connection listening = TestInfrastructure.postgres().connect(database)) {
            listening.createStatement().execute("LISTEN " + AppliedNotification.CHANNEL);

            UUID eventId = publish("across-payload");

            String expected = CONSUMER + " " + eventId + " across-payload";
            assertThat(notificationsUntil(listening, expected)).containsOnlyOnce(expected);
        }
    }

    @Test
    void aReplayedDeadLetterWakesItsWaitersInTheOtherInstance() throws Exception {
        String id = "across-replayed";
        FAILING.add(id);
        UUID eventId = publish(id);
        DeadLetters deadLetters = a.getBean(DeadLetters.class);
        DeadLetter parked = Poll.until(
                "the event is parked",
                TIMEOUT,
                () -> deadLetters.list().stream()
                        .filter(letter -> letter.eventId().equals(eventId))
                        .findFirst()
                        .orElse(null),
                letter -> letter != null);
        AppliedEvents applied = a.getBean(AppliedEvents.class);
        int before = applied.waiting();
        var caughtUp = CompletableFuture.supplyAsync(() -> applied.awaitEvent(CONSUMER, eventId, () -> false, BOUND));
        Poll.until("A waits", TIMEOUT, () -> applied.waiting() == before + 1);

        FAILING.remove(id);
        assertThat(deadLetters.requestReplay(parked.id())).isTrue();

        // the replay gives no in-process signal: whichever instance replays it, the notification wakes A
        assertThat(caughtUp.get(WOKEN.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(effects(a).count(id)).isEqualTo(1);
    }

    @Test
    void theListenerSurvivesItsSessionBeingTerminatedAndThenWakesEveryWaiter() throws Exception {
        AppliedEvents applied = a.getBean(AppliedEvents.class);
        int before = applied.waiting();
        var looks = new AtomicInteger();
        var done = new AtomicBoolean();
        var waiting = CompletableFuture.supplyAsync(() -> applied.awaitAggregate(
                CONSUMER,
                "across-nothing-comes",
                () -> {
                    looks.incrementAndGet();
                    return done.get();
                },
                BOUND));
        Poll.until("the waiter looked once", TIMEOUT, () -> looks.get() == 1 && applied.waiting() == before + 1);
        List<Integer> sessions = listenerSessions();

        int terminated = jdbc(a).sql("""
                        select count(pg_terminate_backend(pid)) from pg_stat_activity
                        where application_name = :name and datname = current_database()
                        """)
                .param("name", ListenerConnections.APPLICATION_NAME)
                .query(Integer.class)
                .single();

        assertThat(terminated).isEqualTo(2);
        Poll.until("the waiter was woken to look again once A listens again", WOKEN, () -> looks.get() >= 2);
        assertThat(waiting).as("a wake-up alone ends no wait").isNotDone();
        Poll.until(
                "both listen on new sessions",
                TIMEOUT,
                () -> listenerSessions().size() == 2
                        && listenerSessions().stream().noneMatch(sessions::contains));
        done.set(true);
        applied.wakeAll();
        assertThat(waiting.get(WOKEN.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // and the signals of the other instance reach A again
        EventCatchUp catchUp = a.getBean(EventCatchUp.class);
        var caughtUp =
                appliedByBWhileAWaits("across-after-outage", id -> catchUp.awaitAggregate(Stream.USERS, id, BOUND));
        assertThat(caughtUp.get(WOKEN.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRequestWhoseEventAnotherInstancesRelayPublishedAnswersWithoutWaitingOutItsBound() throws Exception {
        OutboxRelay relayOfA = a.getBean(OutboxRelay.class);
        relayOfA.stop(); // only B's relay can publish what A's request appends
        try {
            PublishBeforeResponse requests = a.getBean(PublishBeforeResponse.class);
            String id = UUID.randomUUID().toString();
            var answered = CompletableFuture.supplyAsync(() -> {
                try (var request = requests.begin()) {
                    UUID event = publish(id);
                    requests.awaitPublished();
                    return event;
                }
            });

            UUID event = answered.get(WOKEN.toSeconds(), TimeUnit.SECONDS);
            assertThat(jdbc(a).sql("select published_at is not null from messaging_outbox where id = :id")
                            .param("id", event)
                            .query(Boolean.class)
                            .single())
                    .as("published by B")
                    .isTrue();
        } finally {
            relayOfA.start();
        }
    }

    @Test
    void wakingAWaiterForNothingDoesNotEndItsWait() {
        AppliedEvents applied = a.getBean(AppliedEvents.class);
        var waiting = CompletableFuture.supplyAsync(
                () -> applied.awaitEvent(CONSUMER, UUID.randomUUID(), () -> false, Duration.ofSeconds(2)));

        while (!waiting.isDone()) {
            applied.wakeAll(); // as the listener does after a reconnect
            Poll.pause();
        }

        assertThat(waiting.join()).as("the event never came").isFalse();
    }

    @Test
    void closingAnInstanceEndsItsListenerThreadAndSession() {
        var third = instance();
        Poll.until(
                "the third instance listens", TIMEOUT, () -> listenerSessions().size() == 3);
        assertThat(listenerThreads()).isEqualTo(3);

        third.close();

        assertThat(listenerThreads()).isEqualTo(2);
        Poll.until("its session has ended", TIMEOUT, () -> listenerSessions().size() == 2);
    }

    /**
     * Publishes an event of {@code id} that B holds at a gate (in its transaction, not yet committed), starts the wait
     * in A once it is sure the event is not applied, and opens the gate once the wait is registered.
     */
    private static CompletableFuture<Boolean> appliedByBWhileAWaits(String id, Function<String, Boolean> waitInA)
            throws InterruptedException {
        var gate = new Gate();
        GATES.put(id, gate);
        try {
            publish(id);
            assertThat(gate.entered().await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("B handles the event")
                    .isTrue();
            AppliedEvents applied = a.getBean(AppliedEvents.class);
            int before = applied.waiting();
            var caughtUp = CompletableFuture.supplyAsync(() -> waitInA.apply(id));
            Poll.until("A waits for B's signal", TIMEOUT, () -> applied.waiting() == before + 1);
            return caughtUp;
        } finally {
            gate.open().countDown();
            GATES.remove(id);
        }
    }

    private static UUID publish(String id) {
        var transactions = new TransactionTemplate(a.getBean(PlatformTransactionManager.class));
        Outbox outbox = a.getBean(Outbox.class);
        return transactions.execute(
                status -> outbox.append(Events.USER_CREATED, id, 1, new UserCreated(id, id + "@example.com")));
    }

    /** The payloads received on the channel until {@code last}, which must arrive within {@link #TIMEOUT}. */
    static List<String> notificationsUntil(Connection listening, String last) throws Exception {
        PGConnection notifications = listening.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        var payloads = new ArrayList<String>();
        while (!payloads.contains(last)) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                throw new AssertionError("No notification " + last + " within " + TIMEOUT + "; got " + payloads);
            }
            PGNotification[] received = notifications.getNotifications((int) remaining);
            for (PGNotification notification : received == null ? new PGNotification[0] : received) {
                payloads.add(notification.getParameter());
            }
        }
        return payloads;
    }

    private static List<Integer> listenerSessions() {
        return jdbc(a).sql("""
                        select pid from pg_stat_activity
                        where application_name = :name and datname = current_database()
                        """)
                .param("name", ListenerConnections.APPLICATION_NAME)
                .query(Integer.class)
                .list();
    }

    private static long listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(ListenerConnections.APPLICATION_NAME))
                .count();
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext instance) {
        return JdbcClient.create(instance.getBean(DataSource.class));
    }

    private static TestEffects effects(ConfigurableApplicationContext instance) {
        return instance.getBean(TestEffects.class);
    }
}
