package dev.ticketing.orders.order;

import dev.ticketing.orders.order.domain.Order;
import dev.ticketing.orders.order.domain.OrderEvent;
import dev.ticketing.orders.order.domain.Transition;
import dev.ticketing.orders.replica.ListingReplicas;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one decision of the {@link Order} aggregate, in one transaction (the caller's, e.g. an event handler's
 * with its inbox row, or a new one): the order row changes, the replica units move, the events go to the outbox
 * and the step goes on the timeline, together or not at all. Illegal and ignored requests only leave a
 * timeline entry.
 */
@Component
class OrderTransitions {

    private static final Logger log = LoggerFactory.getLogger(OrderTransitions.class);

    /** How to lock the order row: wait for it, or skip an order someone else is changing (deadline sweeps). */
    enum Locking {
        WAIT,
        SKIP_LOCKED
    }

    private final OrderRepository orders;
    private final ListingReplicas replicas;
    private final Timeline timeline;
    private final OrderEvents events;
    private final OrderMetrics metrics;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OrderTransitions(
            OrderRepository orders,
            ListingReplicas replicas,
            Timeline timeline,
            OrderEvents events,
            OrderMetrics metrics,
            TransactionTemplate transactions,
            Clock clock) {
        this.orders = orders;
        this.replicas = replicas;
        this.timeline = timeline;
        this.events = events;
        this.metrics = metrics;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Decides on the locked order and applies the result; empty when the order is unknown (or skipped). */
    Optional<Transition> apply(
            UUID orderId, Timeline.Source source, Locking locking, BiFunction<Order, Instant, Transition> decide) {
        return transactions.execute(status -> {
            Optional<Order> order =
                    locking == Locking.WAIT ? orders.findForUpdate(orderId) : orders.findForUpdateSkipLocked(orderId);
            return order.map(current -> applyLocked(current, source, decide));
        });
    }

    Optional<Transition> apply(UUID orderId, Timeline.Source source, BiFunction<Order, Instant, Transition> decide) {
        return apply(orderId, source, Locking.WAIT, decide);
    }

    /** For a caller that already holds the order's row lock in its transaction. */
    Transition applyLocked(Order current, Timeline.Source source, BiFunction<Order, Instant, Transition> decide) {
        Instant now = clock.instant();
        Transition transition = decide.apply(current, now);
        metrics.step(current, source, result(transition), now);
        switch (transition) {
            case Transition.Transitioned(Order next, var published, String detail) -> {
                // one line per step of the saga, in its trace (the MDC carries traceId and spanId)
                log.info("Order {} {} by {}: {}", current.id(), source.step(), source.service(), detail);
                orders.update(next, current.version(), new Timeline.Line(now, source, detail));
                published.forEach(event -> effects(next, event));
            }
            case Transition.Ignored(String reason) ->
                timeline.append(current.id(), new Timeline.Line(now, source, "ignored: " + reason));
            case Transition.Illegal(String reason) -> {
                log.warn(
                        "Illegal transition of order {} ({} from {}): {}",
                        current.id(),
                        current.status(),
                        source,
                        reason);
                timeline.append(current.id(), new Timeline.Line(now, source, "rejected: " + reason));
            }
            case Transition.Unchanged() -> log.debug("Order {} unchanged by {}", current.id(), source);
        }
        return transition;
    }

    /** Low-cardinality: the status reached (and outcome), or what else became of the request. */
    private static String result(Transition transition) {
        return switch (transition) {
            case Transition.Transitioned(Order next, var published, String detail) ->
                next.outcome() == null
                        ? next.status().name().toLowerCase(java.util.Locale.ROOT)
                        : next.status().name().toLowerCase(java.util.Locale.ROOT) + " " + next.outcome();
            case Transition.Ignored ignored -> "ignored";
            case Transition.Illegal illegal -> "illegal";
            case Transition.Unchanged unchanged -> "unchanged";
        };
    }

    private void effects(Order order, OrderEvent event) {
        switch (event) {
            case OrderEvent.Paid paid -> {}
            case OrderEvent.Completed completed -> {
                if (completed.sellsUnits()) {
                    replicas.sell(order.listingId(), order.quantity());
                }
                metrics.finishedAfterCommit(order.outcome());
            }
            case OrderEvent.Cancelled cancelled -> {
                if (cancelled.releasesUnits()) {
                    replicas.release(order.listingId(), order.quantity());
                }
                metrics.finishedAfterCommit(cancelled.outcome());
            }
        }
        events.publish(order, event);
    }
}
