package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Invariant 3 under faults: services, nats-server and PostgreSQL are killed with SIGKILL while sagas run, or
 * frozen (SIGSTOP) for longer than the timeouts and then let go (closer to a network partition than a crash);
 * every order still reaches a final state, and money, units and e-tickets agree.
 */
@ExtendWith(StackExtension.class)
class ChaosTest {

    private static final int SAGAS = 8;
    private final Stack stack = Stack.get();
    private final ChaosSagas chaos = new ChaosSagas(stack);

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
        List<ChaosSagas.Saga> sagas = chaos.start(SAGAS);
        var payer = chaos.payAll(sagas);
        for (String victim : victims) {
            long pid = stack.pid(victim);
            stack.kill9(victim);
            stack.awaitRestarted(victim, pid, Duration.ofSeconds(90));
        }
        ChaosSagas.join(payer);
        sagas.forEach(chaos::assertConsistentEnd);
    }

    /** Starts sagas, freezes the process while the buyers pay, lets it go, then checks the end state. */
    private void pauseThrough(String victim) {
        List<ChaosSagas.Saga> sagas = chaos.start(SAGAS);
        long pid = stack.pid(victim);
        stack.freeze(victim);
        Thread payer;
        try {
            payer = chaos.payAll(sagas);
            sleep(PAUSE); // the length of the fault itself, not a wait for something to happen
        } finally {
            stack.thaw(victim);
        }
        ChaosSagas.join(payer);
        sagas.forEach(chaos::assertConsistentEnd);
        assertThat(stack.pid(victim)).as("frozen, not restarted").isEqualTo(pid);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
