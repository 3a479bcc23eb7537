package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Invariant 3 under faults: services, nats-server and PostgreSQL are killed with SIGKILL while sagas run, or
 * frozen (SIGSTOP) for longer than the timeouts and then let go (closer to a network partition than a crash);
 * every order still reaches a final state, and money, units and e-tickets agree.
 */
@ExtendWith(StackExtension.class)
class ChaosTest {

    private static final int SAGAS = 8;
    private final Stack stack = Stack.get();
    private final Marketplace market = new Marketplace(stack.url());

    private record Saga(Marketplace.Person seller, Marketplace.Person buyer, String ticket, String orderId) {}

    @Test
    void sagasSurviveEveryServiceBeingKilled() {
        runThrough(List.of("orders", "payments", "tickets", "expiration"));
    }

    @Test
    void sagasSurviveARestartOfNats() {
        runThrough(List.of("nats"));
    }

    @Test
    void sagasSurviveARestartOfPostgres() {
        runThrough(List.of("postgres"));
    }

    /** Longer than the relay's publish timeout (10 s), the consumers' ack wait and the saga's step deadlines. */
    private static final Duration PAUSE = Duration.ofSeconds(25);

    @Test
    void sagasSurviveAPauseOfNatsLongerThanTheTimeouts() {
        pauseThrough("nats");
    }

    @Test
    void sagasSurviveAPauseOfPostgresLongerThanTheTimeouts() {
        pauseThrough("postgres");
    }

    /** Starts sagas, kills the given processes one after the other while they run, then checks the end state. */
    private void runThrough(List<String> victims) {
        List<Saga> sagas = startSagas();
        var payer = Thread.ofVirtual().start(() -> sagas.forEach(saga -> payPersistently(saga)));
        for (String victim : victims) {
            long pid = stack.pid(victim);
            stack.kill9(victim);
            Eventually.await(
                    victim + " restarted",
                    Duration.ofSeconds(90),
                    () -> stack.pid(victim),
                    now -> now > 0 && now != pid);
            stack.awaitReady(victim, Duration.ofSeconds(90));
        }
        join(payer);
        sagas.forEach(this::assertConsistentEnd);
    }

    /** Starts sagas, freezes the process while the buyers pay, lets it go, then checks the end state. */
    private void pauseThrough(String victim) {
        List<Saga> sagas = startSagas();
        long pid = stack.pid(victim);
        stack.freeze(victim);
        Thread payer;
        try {
            payer = Thread.ofVirtual().start(() -> sagas.forEach(saga -> payPersistently(saga)));
            sleep(PAUSE); // the length of the fault itself, not a wait for something to happen
        } finally {
            stack.thaw(victim);
        }
        join(payer);
        sagas.forEach(this::assertConsistentEnd);
        assertThat(stack.pid(victim)).as("frozen, not restarted").isEqualTo(pid);
    }

    private List<Saga> startSagas() {
        stack.awaitAllReady(Duration.ofSeconds(90));
        return Concurrently.run(SAGAS, i -> {
            var seller = market.person();
            var buyer = market.person();
            String ticket = seller.list("chaos " + i, 20, 1);
            return new Saga(seller, buyer, ticket, buyer.orderOk(ticket, 1));
        });
    }

    /** A client that retries its payment through outages until it gets a definite answer. */
    private static void payPersistently(Saga saga) {
        Eventually.await(
                "a definite answer to the payment",
                Duration.ofSeconds(120),
                () -> {
                    try {
                        return saga.buyer()
                                .http()
                                .post("/api/payments", Map.of("orderId", saga.orderId()))
                                .status();
                    } catch (IllegalStateException connectionTrouble) {
                        return 503;
                    }
                },
                status -> Set.of(201, 400).contains(status));
    }

    private void assertConsistentEnd(Saga saga) {
        JsonNode order = Eventually.await(
                "order final after the faults",
                Duration.ofSeconds(120),
                () -> saga.buyer().order(saga.orderId()),
                o -> Marketplace.FINAL.contains(o.get("status").asString())
                        && !o.get("outcome").isNull());
        if ("complete".equals(order.get("status").asString())) {
            assertThat(order.get("outcome").asString()).isEqualTo("SUCCESS");
            saga.buyer().awaitBalance("480");
            saga.seller().awaitBalance("520");
            assertThat(saga.buyer().purchased()).hasSize(1);
            market.awaitAvailable(saga.ticket(), 0);
        } else {
            saga.buyer().awaitBalance("500");
            saga.seller().awaitBalance("500");
            Eventually.await(
                    "no e-ticket for a cancelled order",
                    Marketplace.SAGA_TIMEOUT,
                    () -> saga.buyer().purchased(),
                    List::isEmpty);
            market.awaitAvailable(saga.ticket(), 1);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(180));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(thread.isAlive()).as("payments answered").isFalse();
    }
}
