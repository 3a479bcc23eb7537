package dev.ticketing.orders.order;

import dev.ticketing.contracts.FaultPlan;
import dev.ticketing.contracts.Stream;
import dev.ticketing.orders.OrdersProperties;
import dev.ticketing.orders.order.domain.Order;
import dev.ticketing.orders.order.domain.Transition;
import dev.ticketing.orders.replica.ListingReplica;
import dev.ticketing.orders.replica.ListingReplicas;
import dev.ticketing.platform.idempotency.IdempotencyGuard;
import dev.ticketing.platform.messaging.EventCatchUp;
import dev.ticketing.platform.messaging.fault.FaultInjection;
import dev.ticketing.platform.web.ApiException;
import dev.ticketing.platform.web.pagination.Page;
import dev.ticketing.platform.web.pagination.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The buyers' use cases: create (reserving units atomically), cancel, and read their orders. */
@Service
class OrderService {

    static final String SOMETHING_WENT_WRONG = "Something went wrong";
    static final String CREATION_TIMED_OUT = "Order creation timed out";

    /** A buyer's request to order, already validated. */
    record CreateOrder(String userId, UUID listingId, int quantity, FaultPlan faults) {}

    /** What a creation request gave. */
    sealed interface CreateResult {
        record Created(OrderResponse order) implements CreateResult {}

        /** An earlier request with the same Idempotency-Key decided the answer; nothing was done. */
        record AnsweredBefore() implements CreateResult {}

        record UnknownListing() implements CreateResult {}

        record OwnListing() implements CreateResult {}

        record TooManyUnpaid() implements CreateResult {}

        record NotEnoughUnits() implements CreateResult {}
    }

    /** What a cancel request gave. */
    sealed interface CancelResult {
        record Done() implements CancelResult {}

        record UnknownOrder() implements CancelResult {}

        record NotOwner() implements CancelResult {}

        record Refused(String reason) implements CancelResult {}
    }

    private final OrderRepository orders;
    private final ListingReplicas replicas;
    private final Timeline timeline;
    private final OrderEvents events;
    private final OrderTransitions transitions;
    private final OrderMetrics metrics;
    private final TransactionTemplate transactions;
    private final OrdersProperties properties;
    private final Clock clock;
    private final EventCatchUp catchUp;
    private final FaultInjection faultInjection;

    OrderService(
            OrderRepository orders,
            ListingReplicas replicas,
            Timeline timeline,
            OrderEvents events,
            OrderTransitions transitions,
            OrderMetrics metrics,
            TransactionTemplate transactions,
            OrdersProperties properties,
            Clock clock,
            EventCatchUp catchUp,
            FaultInjection faultInjection) {
        this.orders = orders;
        this.replicas = replicas;
        this.timeline = timeline;
        this.events = events;
        this.transitions = transitions;
        this.metrics = metrics;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.catchUp = catchUp;
        this.faultInjection = faultInjection;
    }

    /**
     * docs/saga.md "Reserving units": one short transaction under the buyer's advisory lock, so that the unpaid
     * limit and the idempotency key hold under concurrency, and a conditional update of the replica, so that
     * units are never oversold. The created order is kept under the request's Idempotency-Key in that same
     * transaction, so a retry finds it once it has committed and never creates a second one. An injected create
     * fault throws inside it: nothing is stored; an injected crash halts the process once that transaction has
     * committed, before the 201.
     *
     * <p>First, outside the transaction, the replica of this listing catches up with what tickets has published
     * about it (bounded, docs/decisions/0014): a listing created or edited a moment ago is known, and at its
     * latest price and quantity.
     */
    CreateResult create(CreateOrder command, IdempotencyGuard<OrderResponse> idempotency) {
        catchUp.awaitAggregate(Stream.TICKETS, command.listingId().toString());
        CreateResult result = transactions.execute(status -> createInTransaction(command, idempotency));
        if (result instanceof CreateResult.Created) {
            metrics.createdAfterCommit();
        }
        return result;
    }

    private CreateResult createInTransaction(CreateOrder command, IdempotencyGuard<OrderResponse> idempotency) {
        orders.lockBuyer(command.userId());
        if (idempotency.answeredBefore()) {
            return new CreateResult.AnsweredBefore();
        }
        // the usual order in two statements: the buyer's limit, which needs no listing, then the units reserved
        // from a listing the buyer does not sell, which answers the listing; a refusal is told apart afterwards
        boolean tooManyUnpaid =
                orders.countUnpaid(command.userId()) >= properties.orders().maxUnpaid();
        Optional<ListingReplica> listing = tooManyUnpaid
                ? Optional.empty()
                : replicas.reserveFor(command.listingId(), command.quantity(), command.userId());
        if (listing.isEmpty()) {
            return refusal(command, tooManyUnpaid);
        }
        Instant now = clock.instant();
        Order order = Order.place(
                UUID.randomUUID(),
                command.userId(),
                command.listingId(),
                listing.get().sellerId(),
                command.quantity(),
                listing.get().price(),
                now,
                properties.reservationTtl(),
                properties.saga().reserveTimeout());
        Optional<FaultPlan.Mode> fault = command.faults().modeFor(FaultPlan.Step.CREATE);
        orders.insert(
                order,
                new Timeline.Line(
                        order.createdAt(),
                        Timeline.Source.CREATE,
                        "order created: " + order.quantity()
                                + " unit(s) at " + order.unitPrice() + ", units reserved until " + order.expiresAt()
                                + command.faults()
                                        .header()
                                        .map(plan -> "; faults injected: " + plan)
                                        .orElse("")));
        faultInjection.remember(order.id().toString(), command.faults()); // before the events, which carry it
        events.created(order);
        metrics.created(order);
        OrderResponse response =
                OrderResponse.of(order, listing.get().title(), listing.get().price());
        // only a created order is kept: the refusals above changed nothing and are decided afresh on a retry
        idempotency.keep(response);
        // thrown here, after every write, to show that the rollback really leaves nothing behind
        if (fault.equals(Optional.of(FaultPlan.Mode.FAIL))) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, SOMETHING_WENT_WRONG);
        }
        if (fault.equals(Optional.of(FaultPlan.Mode.TIMEOUT))) {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, CREATION_TIMED_OUT);
        }
        if (fault.equals(Optional.of(FaultPlan.Mode.CRASH))) {
            faultInjection.crashOnceAfterCommit(order.id().toString(), FaultPlan.Step.CREATE);
        }
        return new CreateResult.Created(response);
    }

    /** Why nothing was reserved, in the order the checks are told: the listing, the buyer's own, the limit, units. */
    private CreateResult refusal(CreateOrder command, boolean tooManyUnpaid) {
        Optional<ListingReplica> listing = replicas.find(command.listingId());
        if (listing.isEmpty()) {
            return new CreateResult.UnknownListing();
        }
        if (listing.get().sellerId().equals(command.userId())) {
            return new CreateResult.OwnListing();
        }
        return tooManyUnpaid ? new CreateResult.TooManyUnpaid() : new CreateResult.NotEnoughUnits();
    }

    /**
     * The buyer cancels an unpaid order; cancelling a cancelled one is accepted and changes nothing. A payment
     * made a moment ago is applied first (bounded catch-up on this order's payment events, docs/decisions/0014),
     * so it is refused as paid rather than cancelled under the payment.
     */
    CancelResult cancel(UUID orderId, String callerId) {
        catchUp.awaitAggregate(Stream.PAYMENTS, orderId.toString());
        return transactions.execute(status -> {
            Optional<Order> order = orders.findForUpdate(orderId);
            if (order.isEmpty()) {
                return new CancelResult.UnknownOrder();
            }
            if (!order.get().isOwnedBy(callerId)) {
                return new CancelResult.NotOwner();
            }
            Transition transition = transitions.applyLocked(
                    order.get(), Timeline.Source.BUYER_CANCEL, (current, now) -> current.cancelByBuyer(now));
            return transition instanceof Transition.Illegal(String reason)
                    ? new CancelResult.Refused(reason)
                    : new CancelResult.Done();
        });
    }

    Optional<OrderView> find(UUID id) {
        return orders.view(id);
    }

    Page<OrderView> byUser(String userId, PageRequest page) {
        return Page.of(orders.byUser(userId, page), page, OrderRepository::cursorOf);
    }

    List<Timeline.Entry> timeline(UUID orderId) {
        return timeline.of(orderId);
    }
}
