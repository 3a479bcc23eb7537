package dev.ticketing.orders.order;

import dev.ticketing.orders.OrdersProperties;
import dev.ticketing.orders.order.domain.Order;
import dev.ticketing.orders.order.domain.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Enforces the deadlines orders owns (docs/saga.md): a new order whose units tickets did not confirm within the
 * reserve timeout, and a paid order that was not delivered within the delivery timeout, are cancelled with
 * TIMEOUT; an unpaid order still open once its reservation window and a grace period have passed is cancelled
 * as EXPIRED, whatever happened to its expiry timer (the timer stays the normal path). Runs on a virtual thread every sweep interval; each order is decided in its own transaction on a row
 * taken with {@code for update skip locked}, and the aggregate re-checks the deadline, so several instances
 * (and a concurrent answer) are safe.
 */
@Component
class DeadlineSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);
    static final int BATCH = 100;

    private final OrderRepository orders;
    private final OrderTransitions transitions;
    private final Clock clock;
    private final Duration interval;
    private final Duration expiryGrace;
    private volatile Thread thread;
    private volatile boolean running;

    DeadlineSweeper(OrderRepository orders, OrderTransitions transitions, Clock clock, OrdersProperties properties) {
        this.orders = orders;
        this.transitions = transitions;
        this.clock = clock;
        this.interval = properties.saga().sweepInterval();
        this.expiryGrace = properties.saga().expiryGrace();
    }

    /** One pass over every deadline, draining everything overdue now; returns how many orders were decided. */
    int sweepOnce() {
        return sweep(orders::reserveOverdue, Timeline.Source.RESERVE_DEADLINE, Order::timeOutReservation)
                + sweep(orders::deliveryOverdue, Timeline.Source.DELIVERY_DEADLINE, Order::timeOutDelivery)
                + sweep(
                        (now, limit) -> orders.expiryOverdue(now.minus(expiryGrace), limit),
                        Timeline.Source.EXPIRY_BACKSTOP,
                        (order, now) -> order.expireOverdue(expiryGrace, now));
    }

    private int sweep(
            BiFunction<Instant, Integer, List<UUID>> overdue,
            Timeline.Source source,
            BiFunction<Order, Instant, Transition> decision) {
        int decided = 0;
        while (running) {
            List<UUID> batch = overdue.apply(clock.instant(), BATCH);
            int decidedNow = 0;
            for (UUID id : batch) {
                if (transitions
                        .apply(id, source, OrderTransitions.Locking.SKIP_LOCKED, decision)
                        .isPresent()) {
                    decidedNow++;
                }
            }
            decided += decidedNow;
            // a short batch drained the backlog; one where every row was held elsewhere is left to the next pass
            if (batch.size() < BATCH || decidedNow == 0) {
                break;
            }
        }
        return decided;
    }

    private void loop() {
        while (running) {
            try {
                sweepOnce();
            } catch (RuntimeException e) {
                log.warn("Deadline sweep failed; trying again in {}", interval, e);
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofVirtual().name("orders-deadline-sweeper").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
