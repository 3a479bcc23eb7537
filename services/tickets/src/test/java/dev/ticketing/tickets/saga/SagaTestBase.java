package dev.ticketing.tickets.saga;

import static dev.ticketing.contracts.Stream.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.platform.test.ClassInfrastructure;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.TestBroker;
import dev.ticketing.platform.test.TestBroker.StoredMessage;
import dev.ticketing.tickets.OrderEvents;
import dev.ticketing.tickets.TicketsServiceTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Drives the saga steps through real ORDER.* messages and reads the answers from the TICKETS stream. */
abstract class SagaTestBase extends TicketsServiceTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    OrderEvents orders;
    TestBroker tickets;

    @BeforeEach
    void connect(ClassInfrastructure infra) {
        orders = new OrderEvents(infra.nats().url());
        tickets = new TestBroker(infra.nats().url());
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        orders.close();
        tickets.close();
    }

    /** A listing of {@code quantity} units by a new seller; returns its id. */
    String listing(int quantity) {
        return createListing(newUser(), body("title", "Concert", "price", 20, "quantity", quantity))
                .get("id")
                .asString();
    }

    record Counters(int quantity, int reserved, int sold, long version) {}

    Counters counters(String listingId) {
        return jdbc.sql("select quantity, reserved, sold, version from listings where id = :id")
                .param("id", UUID.fromString(listingId))
                .query((rs, row) -> new Counters(
                        rs.getInt("quantity"), rs.getInt("reserved"), rs.getInt("sold"), rs.getLong("version")))
                .single();
    }

    Optional<String> status(UUID orderId) {
        return jdbc.sql("select status from reservations where order_id = :id")
                .param("id", orderId)
                .query(String.class)
                .optional();
    }

    String awaitStatus(UUID orderId, String expected) {
        boolean reached =
                Poll.until(() -> status(orderId).filter(expected::equals).isPresent(), TIMEOUT);
        assertThat(reached)
                .as("reservation of %s becomes %s (is %s)", orderId, expected, status(orderId))
                .isTrue();
        return expected;
    }

    /** The TICKET.* events of a subject that speak for an order (data.orderId). */
    List<StoredMessage> answers(String subject, UUID orderId) {
        return tickets.messages(TICKETS).stream()
                .filter(e -> isAnswer(e, subject, orderId))
                .toList();
    }

    /** Waits for one answer of a subject for an order and returns it. */
    StoredMessage awaitAnswer(String subject, UUID orderId) {
        List<StoredMessage> found = tickets.await(TICKETS, e -> isAnswer(e, subject, orderId), 1, TIMEOUT);
        assertThat(found).as("%s for order %s", subject, orderId).isNotEmpty();
        return found.getFirst();
    }

    /** The handlers of all three subjects have taken every published event (nothing pending, nothing unacked). */
    /** Every ORDER.* message handled and every answer it caused published (the outbox relay runs on its own). */
    void awaitQuiet() {
        assertThat(Poll.until(this::consumersIdle, TIMEOUT))
                .as("the ORDER.* consumers drained")
                .isTrue();
        assertThat(Poll.until(
                        () -> jdbc.sql("select count(*) from messaging_outbox where published_at is null")
                                        .query(Long.class)
                                        .single()
                                == 0,
                        TIMEOUT))
                .as("the answers published")
                .isTrue();
    }

    private boolean consumersIdle() {
        try (var connection = io.nats.client.Nats.connect(natsUrl())) {
            var jsm = connection.jetStreamManagement();
            for (String consumer : List.of("tickets-ORDER_created", "tickets-ORDER_paid", "tickets-ORDER_cancelled")) {
                var info = jsm.getConsumerInfo("ORDERS", consumer);
                if (info.getNumPending() > 0 || info.getNumAckPending() > 0) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** How many times a consumer has delivered messages, redeliveries included. */
    long deliveries(String consumer) {
        try (var connection = io.nats.client.Nats.connect(natsUrl())) {
            return connection
                    .jetStreamManagement()
                    .getConsumerInfo("ORDERS", consumer)
                    .getDelivered()
                    .getConsumerSequence();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The TICKET.updated events of a listing in the stream (a seller's edits; call after {@link #awaitQuiet}). */
    List<StoredMessage> listingUpdates(String listingId) {
        return tickets.messages(TICKETS).stream()
                .filter(e -> Events.TICKET_UPDATED.matches(e.subject())
                        && e.data().get("id").asString().equals(listingId))
                .toList();
    }

    private String natsUrl() {
        return ClassInfrastructure.of(getClass()).nats().url();
    }

    /** Every e-ticket code of an order: {code, revoked}. */
    List<String> codes(UUID orderId, boolean valid) {
        return jdbc.sql("select code from e_tickets where order_id = :id and (revoked_at is null) = :valid")
                .param("id", orderId)
                .param("valid", valid)
                .query(String.class)
                .list();
    }

    private static boolean isAnswer(StoredMessage event, String subject, UUID orderId) {
        var id = event.data().get("orderId");
        return Events.forSubject(event.subject()).name().equals(subject)
                && id != null
                && !id.isNull()
                && orderId.toString().equals(id.asString());
    }
}
