package dev.ticketing.tickets.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.FaultPlan.Step;
import dev.ticketing.contracts.ProcessHalt;
import dev.ticketing.platform.messaging.fault.FaultInjection;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.TestBroker.StoredMessage;
import dev.ticketing.tickets.OrderEvents.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fault modes of docs/saga.md on the tickets steps. A crash is observed through a recording
 * {@link ProcessHalt}: ending the test JVM is out of the question, the real halt is for the system tests.
 */
@TestPropertySource(properties = {"ticketing.faults-enabled=true", "ticketing.saga.late-answer-delay=2s"})
class SagaFaultsTest extends SagaTestBase {

    static final Duration LATE = Duration.ofSeconds(2);

    /** Records the halts instead of performing them. */
    static final class RecordingHalter implements ProcessHalt {
        final List<Integer> halts = new CopyOnWriteArrayList<>();

        @Override
        public void halt(int status) {
            halts.add(status);
        }
    }

    @TestConfiguration
    static class FakeHalt {
        @Bean
        @Primary
        RecordingHalter recordingHalter() {
            return new RecordingHalter();
        }
    }

    @Autowired
    RecordingHalter halter;

    @Autowired
    FaultInjection crashPoint;

    @Autowired
    TransactionTemplate transactions;

    // --- reserve

    @Test
    void reserveFailIsRejectedWithUnknownAndHoldsNothing() {
        String listingId = listing(2);
        Order order = Order.of(listingId, 1, newUser().id());

        orders.created(order, "reserve=fail");

        StoredMessage rejected = awaitAnswer("TICKET.reservation-rejected", order.id());
        assertThat(rejected.data().get("reason").asString()).isEqualTo("UNKNOWN");
        assertThat(status(order.id())).contains("REJECTED");
        assertThat(counters(listingId)).isEqualTo(new Counters(2, 0, 0, 0));
        assertThat(answers("TICKET.reserved", order.id())).isEmpty();
    }

    @Test
    void reserveTimeoutAnswersOnlyAfterTheLateAnswerDelay() {
        String listingId = listing(2);
        Order order = Order.of(listingId, 1, newUser().id());

        Envelope<?> created = orders.created(order, "payment=fail, reserve=timeout");

        StoredMessage confirmation = awaitAnswer("TICKET.reserved", order.id());
        Instant answeredAt =
                Instant.parse(confirmation.envelope().get("occurredAt").asString());
        assertThat(answeredAt).isAfterOrEqualTo(created.occurredAt().plus(LATE));
        assertThat(status(order.id())).contains("HELD");
        assertThat(counters(listingId).reserved()).isEqualTo(1);
    }

    @Test
    void aLateReserveAfterTheTimeoutCancellationHoldsNothing() {
        String listingId = listing(2);
        Order order = Order.of(listingId, 1, newUser().id());

        long deliveriesBefore = deliveries("tickets-ORDER_created");
        orders.created(order, "reserve=timeout");
        orders.cancelled(order, "TIMEOUT");
        awaitStatus(order.id(), "RELEASED");
        // whichever came first, the ORDER.created was put off once and then handled late, on top of the tombstone
        assertThat(Poll.until(() -> deliveries("tickets-ORDER_created") >= deliveriesBefore + 2, TIMEOUT))
                .isTrue();
        awaitQuiet();

        assertThat(status(order.id())).contains("RELEASED");
        assertThat(counters(listingId)).isEqualTo(new Counters(2, 0, 0, 0));
        assertThat(answers("TICKET.reserved", order.id())).isEmpty();
    }

    @Test
    void reserveCrashHoldsThenHaltsAfterTheCommitOnce() {
        String listingId = listing(2);
        Order order = Order.of(listingId, 1, newUser().id());
        int haltsBefore = halter.halts.size();

        Envelope<?> created = orders.created(order, "reserve=crash");

        awaitAnswer("TICKET.reserved", order.id());
        assertThat(status(order.id())).contains("HELD");
        assertThat(Poll.until(() -> halter.halts.size() == haltsBefore + 1, TIMEOUT))
                .isTrue();
        assertThat(halter.halts.getLast()).isEqualTo(137);
        assertThat(crashRecorded(order.id(), "reserve")).isTrue();

        orders.redeliver(created, "reserve=crash"); // what JetStream does after the restart
        orders.created(order, "reserve=crash"); // and the same order under a new event id
        awaitQuiet();
        assertThat(halter.halts).hasSize(haltsBefore + 1);
        assertThat(counters(listingId).reserved()).isEqualTo(1);
        assertThat(answers("TICKET.reserved", order.id())).hasSize(1);
    }

    // --- delivery

    @Test
    void deliveryFailFailsWithUnknownAndTheCancelReleasesTheUnits() {
        String listingId = listing(2);
        Order order = Order.of(listingId, 2, newUser().id());
        orders.created(order, "delivery=fail");
        awaitStatus(order.id(), "HELD");

        orders.paid(order, "delivery=fail");

        StoredMessage failed = awaitAnswer("TICKET.delivery-failed", order.id());
        assertThat(failed.data().get("reason").asString()).isEqualTo("UNKNOWN");
        assertThat(status(order.id())).contains("HELD");
        assertThat(codes(order.id(), true)).isEmpty();
        assertThat(answers("TICKET.delivered", order.id())).isEmpty();

        orders.cancelled(order, "UNKNOWN");
        awaitStatus(order.id(), "RELEASED");
        assertThat(counters(listingId)).isEqualTo(new Counters(2, 0, 0, 2));
    }

    @Test
    void deliveryTimeoutDeliversLateAndTheTimeoutCancellationRevokesTheLateTickets() {
        String listingId = listing(1);
        User buyer = newUser();
        Order order = Order.of(listingId, 1, buyer.id());
        orders.created(order, "delivery=timeout");
        awaitStatus(order.id(), "HELD");

        Envelope<?> paid = orders.paid(order, "delivery=timeout");

        StoredMessage delivered = awaitAnswer("TICKET.delivered", order.id());
        assertThat(Instant.parse(delivered.envelope().get("occurredAt").asString()))
                .isAfterOrEqualTo(paid.occurredAt().plus(LATE));
        assertThat(codes(order.id(), true)).hasSize(1);

        orders.cancelled(order, "TIMEOUT");
        awaitStatus(order.id(), "REVOKED");
        assertThat(codes(order.id(), true)).isEmpty();
        assertThat(http.get("/api/tickets/purchased", buyer.token()).body()).isEmpty();
        assertThat(counters(listingId)).isEqualTo(new Counters(1, 0, 0, 3));
    }

    @Test
    void aLateDeliveryAfterTheTimeoutCancellationDeliversNothing() {
        String listingId = listing(1);
        Order order = Order.of(listingId, 1, newUser().id());
        orders.created(order, "delivery=timeout");
        awaitStatus(order.id(), "HELD");

        orders.paid(order, "delivery=timeout");
        orders.cancelled(order, "TIMEOUT");
        awaitStatus(order.id(), "RELEASED");

        StoredMessage failed = awaitAnswer("TICKET.delivery-failed", order.id());
        assertThat(failed.data().get("reason").asString()).isEqualTo("DELIVERY_FAILED");
        assertThat(codes(order.id(), true)).isEmpty();
        assertThat(counters(listingId)).isEqualTo(new Counters(1, 0, 0, 2));
    }

    @Test
    void deliveryCrashDeliversThenHaltsOnceEvenWhenTheHeaderIsMissingOnThePayment() {
        String listingId = listing(3);
        Order order = Order.of(listingId, 2, newUser().id());
        int haltsBefore = halter.halts.size();
        orders.created(order, "delivery=crash");
        awaitStatus(order.id(), "HELD");
        assertThat(halter.halts).hasSize(haltsBefore);

        Envelope<?> paid = orders.paid(order, null); // the fault stored with the reservation still applies

        awaitAnswer("TICKET.delivered", order.id());
        assertThat(Poll.until(() -> halter.halts.size() == haltsBefore + 1, TIMEOUT))
                .isTrue();
        assertThat(crashRecorded(order.id(), "delivery")).isTrue();
        assertThat(codes(order.id(), true)).hasSize(2);

        orders.redeliver(paid, null);
        orders.paid(order, "delivery=crash");
        awaitQuiet();
        assertThat(halter.halts).hasSize(haltsBefore + 1);
        assertThat(codes(order.id(), true)).hasSize(2);
        assertThat(answers("TICKET.delivered", order.id())).hasSize(1);
        assertThat(counters(listingId)).isEqualTo(new Counters(3, 0, 2, 2));
    }

    // --- the crash point itself

    @Test
    void aRecordedCrashDoesNotHaltAgainAndARolledBackStepNeverHalts() {
        UUID orderId = UUID.randomUUID();
        int haltsBefore = halter.halts.size();

        transactions.executeWithoutResult(tx -> {
            crashPoint.crashOnceAfterCommit(orderId.toString(), Step.DELIVERY);
            tx.setRollbackOnly();
        });
        assertThat(halter.halts).hasSize(haltsBefore);
        assertThat(crashRecorded(orderId, "delivery")).isFalse();

        transactions.executeWithoutResult(tx -> {
            crashPoint.crashOnceAfterCommit(orderId.toString(), Step.DELIVERY);
            assertThat(halter.halts).as("not before the commit").hasSize(haltsBefore);
        });
        assertThat(halter.halts).hasSize(haltsBefore + 1);

        transactions.executeWithoutResult(tx -> crashPoint.crashOnceAfterCommit(orderId.toString(), Step.DELIVERY));
        assertThat(halter.halts).hasSize(haltsBefore + 1);
        assertThat(crashRecorded(orderId, "delivery")).isTrue();
    }

    private boolean crashRecorded(UUID orderId, String step) {
        return jdbc.sql("select count(*) from messaging_fault_crashes where order_id = :id and step = :step")
                        .param("id", orderId.toString())
                        .param("step", step)
                        .query(Long.class)
                        .single()
                == 1;
    }
}
