package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox proof: a service killed with SIGKILL after its state change committed and before the event was
 * published publishes that event exactly once after the launcher restarts it.
 *
 * <p>To hold the event between commit and publish, the broker is frozen (SIGSTOP) while the listing is
 * created: the commit succeeds, the relay cannot get a publish acknowledgement. Then the tickets process is
 * killed, the broker resumes, and the restarted service's relay finds the unpublished row.
 */
@ExtendWith(StackExtension.class)
class OutboxCrashTest {

    private final Stack stack = Stack.get();

    @Test
    void anEventCommittedBeforeACrashIsPublishedExactlyOnceAfterTheRestart() {
        var seller = new Http(stack.url());
        assertThat(seller.post(
                                "/api/users/signup",
                                Map.of("email", AuthJourneyTest.uniqueEmail(), "password", "password1"))
                        .status())
                .isEqualTo(201);
        long ticketsPid = stack.pid("tickets");

        String id;
        stack.freeze("nats");
        try {
            var created = seller.post("/api/tickets", Map.of("title", "survives a crash", "price", 12));
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asString();
            assertThat(stack.unpublishedOutboxRows("tickets"))
                    .as("the event waits in the outbox")
                    .isPositive();
            stack.kill9("tickets");
        } finally {
            stack.thaw("nats");
        }

        Eventually.await(
                "tickets restarted",
                Duration.ofSeconds(60),
                () -> stack.pid("tickets"),
                pid -> pid > 0 && pid != ticketsPid);
        stack.awaitReady("tickets", Duration.ofSeconds(60));

        var published = Eventually.await(
                "TICKET.created for the listing on the TICKETS stream",
                Duration.ofSeconds(30),
                () -> stack.events("TICKETS", "TICKET.created", id),
                list -> !list.isEmpty());
        // give a duplicate every chance to show up before asserting there is none
        Eventually.await(
                "the outbox drained",
                Duration.ofSeconds(30),
                () -> stack.unpublishedOutboxRows("tickets"),
                n -> n == 0);
        assertThat(stack.events("TICKETS", "TICKET.created", id)).hasSize(1);
        assertThat(published.getFirst().get("data").get("title").asString()).isEqualTo("survives a crash");
    }
}
