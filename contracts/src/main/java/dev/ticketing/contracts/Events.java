package dev.ticketing.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Every event of docs/asyncapi.yaml. The records are the {@code data} part of the envelope; field names are the
 * JSON names. Adding a field is compatible; renaming or removing one needs a new schema version.
 *
 * <p>"Ticket" on the wire means a <em>listing</em>, what a seller offers: the {@code TICKET.*} subjects and the
 * {@code Ticket*} records are about listings, and every {@code ticketId} or {@code ticket} field is a listing's id
 * or details. What a buyer receives is an <em>e-ticket</em>: {@code TICKET.delivered} says an order's were issued,
 * and no event carries one. The services' own code says listing and e-ticket; the wire keeps its names.
 */
public final class Events {

    private Events() {}

    /** The schema version carried in the {@code schema-version} header of every event below. */
    public static final int SCHEMA_VERSION = 1;

    public record UserCreated(String id, String email) {}

    /** A seller created a listing ({@code id}); {@code userId} is the seller. */
    public record TicketCreated(String id, long version, String title, BigDecimal price, int quantity, String userId) {}

    /**
     * The seller changed the listing's details. Published for edits only, not for stock movements, and carrying
     * the whole details: a replica applies it when {@code version} is newer than what it has, whatever came
     * between (versions also count stock movements, which no event carries).
     */
    public record TicketUpdated(String id, long version, String title, BigDecimal price, int quantity, String userId) {}

    /** The inventory step's answer: tickets holds the order's units of the listing {@code ticketId}. */
    public record TicketReserved(String orderId, String ticketId, int quantity) {}

    public record TicketReservationRejected(String orderId, String ticketId, ReservationRejection reason) {
        public TicketReservationRejected {
            required(reason, "TicketReservationRejected.reason");
        }
    }

    public record TicketDelivered(String orderId, String ticketId, int quantity) {}

    public record TicketDeliveryFailed(String orderId, String ticketId, DeliveryFailure reason) {
        public TicketDeliveryFailed {
            required(reason, "TicketDeliveryFailed.reason");
        }
    }

    /** The listing an order is for: its id, the unit price the buyer pays, its seller. */
    public record OrderTicket(String id, BigDecimal price, String sellerId) {}

    /** {@code status} is always {@code created}: the field is on the wire for its readers, not a choice. */
    public record OrderCreated(
            String id,
            long version,
            String userId,
            OrderStatus status,
            Instant expiresAt,
            int quantity,
            BigDecimal unitPrice,
            OrderTicket ticket) {
        public OrderCreated {
            if (required(status, "OrderCreated.status") != OrderStatus.CREATED) {
                throw new IllegalArgumentException("OrderCreated.status must be created, not " + status.wire());
            }
        }
    }

    public record OrderPaid(String id, long version, String paymentId) {}

    public record OrderCompleted(String id, long version) {}

    /** The listing an order was for. */
    public record TicketRef(String id) {}

    /** {@code outcome} is one of a cancelled order: SUCCESS is the outcome of a completed one only. */
    public record OrderCancelled(String id, long version, OrderOutcome outcome, TicketRef ticket, int quantity) {
        public OrderCancelled {
            if (required(outcome, "OrderCancelled.outcome") == OrderOutcome.SUCCESS) {
                throw new IllegalArgumentException("OrderCancelled.outcome cannot be SUCCESS");
            }
        }
    }

    public record ExpirationComplete(String orderId) {}

    public record PaymentCreated(String id, String orderId, BigDecimal amount) {}

    public record PaymentFailed(String orderId, PaymentFailure outcome) {
        public PaymentFailed {
            required(outcome, "PaymentFailed.outcome");
        }
    }

    public record PaymentRefunded(String id, String orderId, BigDecimal amount) {}

    public static final EventType<UserCreated> USER_CREATED =
            new EventType<>("USER.created", Stream.USERS, UserCreated.class, UserCreated::id);
    public static final EventType<TicketCreated> TICKET_CREATED =
            new EventType<>("TICKET.created", Stream.TICKETS, TicketCreated.class, TicketCreated::id);
    public static final EventType<TicketUpdated> TICKET_UPDATED =
            new EventType<>("TICKET.updated", Stream.TICKETS, TicketUpdated.class, TicketUpdated::id);
    public static final EventType<TicketReserved> TICKET_RESERVED =
            new EventType<>("TICKET.reserved", Stream.TICKETS, TicketReserved.class, TicketReserved::orderId);
    public static final EventType<TicketReservationRejected> TICKET_RESERVATION_REJECTED = new EventType<>(
            "TICKET.reservation-rejected",
            Stream.TICKETS,
            TicketReservationRejected.class,
            TicketReservationRejected::orderId);
    public static final EventType<TicketDelivered> TICKET_DELIVERED =
            new EventType<>("TICKET.delivered", Stream.TICKETS, TicketDelivered.class, TicketDelivered::orderId);
    public static final EventType<TicketDeliveryFailed> TICKET_DELIVERY_FAILED = new EventType<>(
            "TICKET.delivery-failed", Stream.TICKETS, TicketDeliveryFailed.class, TicketDeliveryFailed::orderId);
    /** Keyed by the listing: tickets catches up on a listing's new orders before it allows an edit. */
    public static final EventType<OrderCreated> ORDER_CREATED = new EventType<>(
            "ORDER.created",
            Stream.ORDERS,
            OrderCreated.class,
            created -> created.ticket().id());

    public static final EventType<OrderPaid> ORDER_PAID =
            new EventType<>("ORDER.paid", Stream.ORDERS, OrderPaid.class, OrderPaid::id);
    public static final EventType<OrderCompleted> ORDER_COMPLETED =
            new EventType<>("ORDER.completed", Stream.ORDERS, OrderCompleted.class, OrderCompleted::id);
    public static final EventType<OrderCancelled> ORDER_CANCELLED =
            new EventType<>("ORDER.cancelled", Stream.ORDERS, OrderCancelled.class, OrderCancelled::id);
    public static final EventType<ExpirationComplete> EXPIRATION_COMPLETE = new EventType<>(
            "EXPIRATION.complete", Stream.EXPIRATION, ExpirationComplete.class, ExpirationComplete::orderId);
    public static final EventType<PaymentCreated> PAYMENT_CREATED =
            new EventType<>("PAYMENT.created", Stream.PAYMENTS, PaymentCreated.class, PaymentCreated::orderId);
    public static final EventType<PaymentFailed> PAYMENT_FAILED =
            new EventType<>("PAYMENT.failed", Stream.PAYMENTS, PaymentFailed.class, PaymentFailed::orderId);
    public static final EventType<PaymentRefunded> PAYMENT_REFUNDED =
            new EventType<>("PAYMENT.refunded", Stream.PAYMENTS, PaymentRefunded.class, PaymentRefunded::orderId);

    /** All event types, in the order of docs/asyncapi.yaml. */
    public static final List<EventType<?>> ALL = List.of(
            USER_CREATED,
            TICKET_CREATED,
            TICKET_UPDATED,
            TICKET_RESERVED,
            TICKET_RESERVATION_REJECTED,
            TICKET_DELIVERED,
            TICKET_DELIVERY_FAILED,
            ORDER_CREATED,
            ORDER_PAID,
            ORDER_COMPLETED,
            ORDER_CANCELLED,
            EXPIRATION_COMPLETE,
            PAYMENT_CREATED,
            PAYMENT_FAILED,
            PAYMENT_REFUNDED);

    /**
     * A closed value is never defaulted: a missing one fails the record, so that an event without it is refused
     * when it is built and dead-lettered when it is read, as an unknown value is (Jackson refuses those).
     */
    private static <V> V required(V value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** The event type of a subject (keyed or not), or an exception naming the unknown subject. */
    public static EventType<?> forSubject(String subject) {
        return ALL.stream()
                .filter(t -> t.matches(subject))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown event subject: " + subject));
    }
}
