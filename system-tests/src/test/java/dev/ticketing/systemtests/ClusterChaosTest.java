package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cluster mode (three nats-server nodes, two instances of every service behind the edge): what it is made of, and
 * invariant 3 when the node leading the streams and one instance of every service are killed at once in the middle
 * of running sagas. Runs in the system tests' {@code cluster-mode} execution only.
 */
@ExtendWith(StackExtension.class)
class ClusterChaosTest {

    private static final int SAGAS = 10;
    /** The streams the services create (docs/asyncapi.yaml). */
    private static final List<String> STREAMS = List.of("USERS", "TICKETS", "ORDERS", "PAYMENTS", "EXPIRATION");

    private final Stack stack = Stack.get();
    private final ChaosSagas chaos = new ChaosSagas(stack);

    @Test
    void everyNatsNodeAndEveryInstanceRunsAndEveryStreamIsKeptOnThreeNodes() {
        assertThat(stack.cluster()).as("the stack runs in cluster mode").isTrue();
        assertThat(stack.processNames())
                .contains("nats-1", "nats-2", "nats-3")
                .contains("auth-1", "auth-2", "tickets-1", "tickets-2", "orders-1", "orders-2")
                .contains("payments-1", "payments-2", "expiration-1", "expiration-2", "web")
                .doesNotContain("nats", "orders");
        chaos.start(1); // every service has created its streams by the first saga
        for (String stream : STREAMS) {
            assertThat(stack.streamReplicas(stream)).as(stream).isEqualTo(3);
        }
    }

    @Test
    void sagasSurviveTheStreamLeaderAndOneInstanceOfEveryServiceBeingKilledAtOnce() {
        assertThat(stack.cluster()).as("the stack runs in cluster mode").isTrue();
        List<ChaosSagas.Saga> sagas = chaos.start(SAGAS);
        List<String> victims = new ArrayList<>();
        victims.add(stack.streamLeader("ORDERS"));
        // the first instance of some services and the second of others: each side of the balancing loses one
        victims.addAll(List.of("orders-1", "payments-2", "tickets-1", "expiration-2", "auth-1"));
        var payer = chaos.payAll(sagas);
        Map<String, Long> killed = new LinkedHashMap<>();
        for (String victim : victims) {
            killed.put(victim, stack.pid(victim));
            stack.kill9(victim);
        }
        killed.forEach((victim, pid) -> stack.awaitRestarted(victim, pid, Duration.ofSeconds(120)));
        ChaosSagas.join(payer);
        sagas.forEach(chaos::assertConsistentEnd);
        assertThat(stack.streamReplicas("ORDERS")).isEqualTo(3);
    }
}
