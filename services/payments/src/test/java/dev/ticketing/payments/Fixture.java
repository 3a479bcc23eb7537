package dev.ticketing.payments;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.platform.messaging.Outbox;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.TestJwtIssuer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives the service the way the other services do: events go through this service's own outbox, its relay
 * publishes them to JetStream (the real ORDERS/USERS streams) and its durable consumers receive them. Every
 * append is a new event id, so appending the same data twice is a genuine redelivery under another id.
 */
public final class Fixture {

    /** A user of a test and the access token that authenticates them. */
    public record User(String id, String bearer) {}

    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    public Fixture(Outbox outbox, TransactionTemplate tx, JdbcClient jdbc) {
        this.outbox = outbox;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    public static User newUser() {
        String id = UUID.randomUUID().toString();
        return new User(id, TestJwtIssuer.shared().token(id, id.substring(0, 8) + "@example.com"));
    }

    public <T> UUID publish(EventType<T> type, String aggregateId, long version, T data, Map<String, String> headers) {
        return tx.execute(s -> outbox.append(type, aggregateId, version, data, headers));
    }

    public <T> UUID publish(EventType<T> type, String aggregateId, long version, T data) {
        return publish(type, aggregateId, version, data, Map.of());
    }

    public UUID userCreated(String userId) {
        return publish(Events.USER_CREATED, userId, 0, new Events.UserCreated(userId, userId + "@example.com"));
    }

    /** Publishes ORDER.created (version 0) and waits until the replica has it. */
    public String order(User buyer, String sellerId, String unitPrice, int quantity, Instant expiresAt, String fault) {
        String id = UUID.randomUUID().toString();
        BigDecimal price = new BigDecimal(unitPrice);
        Events.OrderCreated data = new Events.OrderCreated(
                id,
                0,
                buyer.id(),
                OrderStatus.CREATED,
                expiresAt,
                quantity,
                price,
                new Events.OrderTicket("ticket-" + id.substring(0, 8), price, sellerId));
        publish(Events.ORDER_CREATED, id, 0, data, fault == null ? Map.of() : Map.of(Headers.FAULT_INJECTION, fault));
        Poll.until("order " + id + " is replicated", () -> replicaVersion(id), v -> v != null);
        return id;
    }

    public String order(User buyer, String unitPrice) {
        return order(
                buyer, UUID.randomUUID().toString(), unitPrice, 1, Instant.now().plusSeconds(900), null);
    }

    public UUID completed(String orderId, long version) {
        return publish(Events.ORDER_COMPLETED, orderId, version, new Events.OrderCompleted(orderId, version));
    }

    public UUID cancelled(String orderId, long version, OrderOutcome outcome) {
        return publish(
                Events.ORDER_CANCELLED,
                orderId,
                version,
                new Events.OrderCancelled(orderId, version, outcome, new Events.TicketRef("t"), 1));
    }

    /** Waits until the service's consumer of {@code type} has applied (committed) the event. */
    public void awaitHandled(EventType<?> type, UUID eventId) {
        String consumer = "payments-" + type.token();
        Poll.until(
                type + " " + eventId + " is handled",
                () -> jdbc.sql("select count(*) from messaging_inbox where consumer = :c and event_id = :e")
                        .param("c", consumer)
                        .param("e", eventId)
                        .query(Long.class)
                        .single(),
                n -> n == 1);
    }

    public Long replicaVersion(String orderId) {
        return jdbc.sql("select version from orders where id = :id")
                .param("id", orderId)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    public String replicaStatus(String orderId) {
        return jdbc.sql("select status from orders where id = :id")
                .param("id", orderId)
                .query(String.class)
                .single();
    }

    public BigDecimal balance(String userId) {
        return jdbc.sql("select balance from wallets where user_id = :u")
                .param("u", userId)
                .query(BigDecimal.class)
                .optional()
                .orElse(null);
    }

    public List<String> ledgerKinds(String userId) {
        return jdbc.sql("select kind from ledger where user_id = :u order by seq")
                .param("u", userId)
                .query(String.class)
                .list();
    }

    public BigDecimal ledgerSum(String userId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from ledger where user_id = :u")
                .param("u", userId)
                .query(BigDecimal.class)
                .single();
    }

    /** The {@code data} payloads (as envelope JSON) the service appended for a subject and aggregate. */
    public List<String> outboxPayloads(String subject, String aggregateId) {
        return jdbc.sql(
                        "select payload from messaging_outbox where headers->>'event-type' = :s and aggregate_id = :a order by created_at")
                .param("s", subject)
                .param("a", aggregateId)
                .query(String.class)
                .list();
    }

    public List<String> outboxPayloadsMentioning(String subject, String text) {
        return jdbc.sql(
                        "select payload from messaging_outbox where headers->>'event-type' = :s and payload like :p order by created_at")
                .param("s", subject)
                .param("p", "%" + text + "%")
                .query(String.class)
                .list();
    }

    public String paymentStatus(String orderId) {
        return jdbc.sql(
                        "select coalesce(string_agg(status, ',' order by created_at), '') from payments where order_id = :o")
                .param("o", orderId)
                .query(String.class)
                .single();
    }

    /**
     * Invariant 2 in one statement (one snapshot): balances + money held for orders not yet paid out to their
     * seller == credits ever granted. Also every wallet's balance equals the sum of its ledger.
     */
    public Map<String, Object> conservation() {
        return jdbc.sql("""
                        select (select coalesce(sum(balance), 0) from wallets)
                             + (select coalesce(sum(amount), 0) from payments p where status = 'CAPTURED'
                                 and not exists (select 1 from seller_credits c where c.order_id = p.order_id))
                               as held_and_balances,
                               (select coalesce(sum(amount), 0) from ledger where kind = 'GRANT') as granted,
                               (select count(*) from wallets w where w.balance <>
                                 (select coalesce(sum(amount), 0) from ledger l where l.user_id = w.user_id))
                               as wallets_off_ledger""").query().singleRow();
    }
}
