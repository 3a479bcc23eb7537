package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.TicketCreated;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import io.nats.client.Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-your-writes (docs/decisions/0014) in a servlet application: a request that commits events answers once
 * they are published, and {@link EventCatchUp} waits until this service has handled what is in the stream.
 */
@ServiceTest
@TestPropertySource(
        properties = {
            "ticketing.messaging.publish-before-response=1s",
            "ticketing.messaging.catch-up-timeout=20s",
            "ticketing.messaging.relay-poll-interval=1h"
        }) // only commits wake the relay: no publish by chance
class ReadYourWritesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ROUNDS = 10;

    /** Aggregates whose USER.created the handler puts off with {@link RetryLater}. */
    static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(MessagingTestBeans.class)
    static class App {

        @Bean
        Writes writes(Outbox outbox, PlatformTransactionManager transactionManager) {
            return new Writes(outbox, new TransactionTemplate(transactionManager));
        }

        @Bean
        EventHandler<UserCreated> userCreated(TestEffects effects) {
            return EventHandler.of(Events.USER_CREATED, event -> {
                String id = event.envelope().aggregateId();
                if (HELD.contains(id)) {
                    throw new RetryLater("held by the test", Duration.ofMillis(100));
                }
                effects.increment(id);
            });
        }

        /** Consumes a subject nothing is ever published to. */
        @Bean
        EventHandler<TicketCreated> ticketCreated(TestEffects effects) {
            return EventHandler.of(
                    Events.TICKET_CREATED,
                    event -> effects.increment(event.envelope().aggregateId()));
        }
    }

    /** A write endpoint: one transaction appending an event, answered with or without a body. */
    @RestController
    static class Writes {
        private final Outbox outbox;
        private final TransactionTemplate tx;

        Writes(Outbox outbox, TransactionTemplate tx) {
            this.outbox = outbox;
            this.tx = tx;
        }

        @PostMapping("/test/users/{id}")
        String create(@PathVariable String id) {
            return append(id).toString();
        }

        @PostMapping("/test/silent-users/{id}")
        ResponseEntity<Void> createSilently(@PathVariable String id) {
            append(id);
            return ResponseEntity.noContent().build();
        }

        private UUID append(String id) {
            return tx.execute(
                    status -> outbox.append(Events.USER_CREATED, id, 1, new UserCreated(id, id + "@example.com")));
        }
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    Connection connection;

    @Autowired
    OutboxRelay relay;

    @Autowired
    EventCatchUp catchUp;

    @Autowired
    EventConsumers consumers;

    @Autowired
    TestEffects effects;

    @Autowired
    PublishBeforeResponse publishBeforeResponse;

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean published(UUID id) {
        return OutboxState.published(dataSource, id);
    }

    private boolean published(String aggregateId) {
        return JdbcClient.create(dataSource)
                .sql("""
                        select count(*) = 1 from messaging_outbox where aggregate_id = :id and published_at is not null
                        """)
                .param("id", aggregateId)
                .query(Boolean.class)
                .single();
    }

    private boolean inStream(UUID eventId) {
        return OutboxState.inStream(connection, Stream.USERS, eventId);
    }

    @Test
    void aRequestAnswersOnlyOnceTheEventsItCommittedArePublished() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            var response = post("/test/users/ryw-body-" + i);

            assertThat(response.statusCode()).isEqualTo(200);
            UUID eventId = UUID.fromString(response.body());
            assertThat(published(eventId))
                    .as("published when the answer arrives")
                    .isTrue();
            assertThat(inStream(eventId)).isTrue();
        }
    }

    @Test
    void aRequestWithoutABodyAlsoWaits() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            String id = "ryw-silent-" + i;
            var response = post("/test/silent-users/" + id);

            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(published(id)).as("published when the answer arrives").isTrue();
        }
    }

    @Test
    void theWaitIsBoundedAndTheRequestAnswersWhenTheRelayIsAway() throws Exception {
        relay.stop();
        try {
            var response = post("/test/users/ryw-no-relay");

            assertThat(response.statusCode()).isEqualTo(200);
            UUID eventId = UUID.fromString(response.body());
            assertThat(OutboxState.stored(dataSource, eventId))
                    .as("its row is committed")
                    .isTrue();
            assertThat(published(eventId)).isFalse();
        } finally {
            relay.start();
            relay.wake();
        }
        Poll.until("the row is published after all", TIMEOUT, () -> published("ryw-no-relay"));
    }

    @Test
    void onlyThreadsServingARequestWaitForTheirEvents() {
        assertThat(publishBeforeResponse.track(UUID.randomUUID()))
                .as("outside a request")
                .isFalse();
        try (var scope = publishBeforeResponse.begin()) {
            UUID id = UUID.randomUUID();
            assertThat(publishBeforeResponse.track(id)).as("inside a request").isTrue();
            publishBeforeResponse.completed(id, false);
        }
        assertThat(publishBeforeResponse.inRequest()).isFalse();
    }

    @Test
    void afterCatchingUpTheEffectOfTheLastPublishedEventIsVisible() throws Exception {
        for (int i = 0; i < ROUNDS; i++) {
            String id = "ryw-caught-" + i;
            assertThat(post("/test/users/" + id).statusCode()).isEqualTo(200);

            assertThat(catchUp.awaitAggregate(Stream.USERS, id, TIMEOUT)).isTrue();
            assertThat(effects.count(id)).as("handled once caught up").isEqualTo(1);
        }
    }

    @Test
    void catchingUpIsBoundedWhileAMessageIsPutOff() throws Exception {
        String id = "ryw-held";
        HELD.add(id);
        try {
            assertThat(post("/test/users/" + id).statusCode()).isEqualTo(200);

            assertThat(catchUp.awaitAggregate(Stream.USERS, id, Duration.ofMillis(300)))
                    .isFalse();
            assertThat(effects.count(id)).isZero();
        } finally {
            HELD.remove(id);
        }
        assertThat(catchUp.awaitAggregate(Stream.USERS, id, TIMEOUT)).isTrue();
        assertThat(effects.count(id)).isEqualTo(1);
    }

    @Test
    void aBacklogOnOtherAggregatesDoesNotDelayTheWait() throws Exception {
        String other = "ryw-backlog-other";
        String mine = "ryw-backlog-mine";
        HELD.add(other); // the consumer is stuck on another aggregate's event, published first
        try {
            assertThat(post("/test/users/" + other).statusCode()).isEqualTo(200);
            assertThat(post("/test/users/" + mine).statusCode()).isEqualTo(200);

            assertThat(catchUp.awaitAggregate(Stream.USERS, mine, TIMEOUT)).isTrue();
            assertThat(effects.count(mine)).isEqualTo(1);
            assertThat(effects.count(other)).isZero();
        } finally {
            HELD.remove(other);
        }
    }

    @Test
    void thereIsNothingToCatchUpOnWhenNothingWasPublishedForTheAggregate() {
        assertThat(catchUp.awaitAggregate(Stream.USERS, "never-published", Duration.ofMillis(50)))
                .isTrue();
        assertThat(catchUp.awaitAggregate(Stream.TICKETS, "never-published", Duration.ofMillis(50)))
                .isTrue();
    }

    @Test
    void waitingForTheFirstEventOfATypeTheServiceDoesNotConsumeIsABug() {
        assertThatThrownBy(() -> catchUp.awaitFirst(Events.ORDER_CREATED, "o1", () -> false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ORDER.created");
    }

    @Test
    void aWaitForTheFirstEventOfAnAggregateEndsWhenItIsApplied() throws Exception {
        String id = "ryw-first";
        HELD.add(id); // published, but the consumer puts it off: it is in hand, not applied
        assertThat(post("/test/users/" + id).statusCode()).isEqualTo(200);
        var caughtUp = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> catchUp.awaitFirst(Events.USER_CREATED, id, () -> effects.count(id) == 1));

        HELD.remove(id);

        assertThat(caughtUp.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(effects.count(id)).isEqualTo(1);
    }

    @Test
    void aWaitForTheFirstEventOfAnAggregateNobodyPublishedEndsAtOnce() {
        // the premise: an earlier test's event may still be in hand (applied, its acknowledgement on the way),
        // and a consumer with something in hand may yet apply the event: the wait then rightly runs its bound
        String consumer = consumers.byType(Events.USER_CREATED).orElseThrow().name();
        Poll.until(
                "the consumer has nothing in hand",
                TIMEOUT,
                () -> DurableConsumers.settled(connection, Stream.USERS.name(), consumer));
        long started = System.nanoTime();

        assertThat(catchUp.awaitFirst(Events.USER_CREATED, "ryw-never", () -> false))
                .isFalse();

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("the consumer had nothing in hand")
                .isLessThan(Duration.ofSeconds(20));
    }
}
