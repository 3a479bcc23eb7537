package dev.ticketing.orders.order;

import dev.ticketing.orders.OrdersProperties;
import dev.ticketing.platform.messaging.MessagingProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A step whose handler crashes must end SUCCESS (docs/saga.md), so each step deadline leaves room for the worst
 * recovery: the consumer's message comes back after the ack wait, the crashed service is back after the restart
 * allowance, and the sweeper notices a deadline only at its next pass. Every service reads the same
 * {@code TICKETING_*} settings, so the ack wait seen here is the one tickets consumes with. Settings that
 * contradict the rule stop the service at start-up, naming the settings (docs/decisions/0005).
 */
@Component
final class StepDeadlineRule {

    StepDeadlineRule(OrdersProperties orders, MessagingProperties messaging) {
        List<String> violations = violations(orders.saga(), messaging.ackWait());
        if (!violations.isEmpty()) {
            throw new IllegalStateException(
                    "Step deadlines too short to recover from a crash: " + String.join("; ", violations));
        }
    }

    /** The least a step deadline must exceed. */
    static Duration recoveryBound(OrdersProperties.Saga saga, Duration ackWait) {
        return ackWait.plus(saga.restartAllowance()).plus(saga.sweepInterval());
    }

    static List<String> violations(OrdersProperties.Saga saga, Duration ackWait) {
        Duration bound = recoveryBound(saga, ackWait);
        var violations = new ArrayList<String>();
        check("ticketing.saga.reserve-timeout", saga.reserveTimeout(), bound, violations);
        check("ticketing.saga.delivery-timeout", saga.deliveryTimeout(), bound, violations);
        if (!violations.isEmpty()) {
            violations.add("each must be longer than ticketing.messaging.ack-wait (" + ackWait
                    + ") + ticketing.saga.restart-allowance (" + saga.restartAllowance()
                    + ") + ticketing.saga.sweep-interval (" + saga.sweepInterval() + ") = " + bound);
        }
        return violations;
    }

    private static void check(String property, Duration deadline, Duration bound, List<String> violations) {
        if (deadline.compareTo(bound) <= 0) {
            violations.add(property + " is " + deadline);
        }
    }
}
