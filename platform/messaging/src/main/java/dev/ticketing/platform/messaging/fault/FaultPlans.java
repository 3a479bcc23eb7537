package dev.ticketing.platform.messaging.fault;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code messaging_fault_plans} table: the plan an order came with, kept for the steps and events that do not
 * carry it (a payment request, the order's later events). The plan is test data, not the order's: it stays out of
 * the services' own tables and domain records.
 */
final class FaultPlans {

    private final JdbcClient jdbc;

    FaultPlans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the first plan seen for the order: ORDER.created's, even if a later event said otherwise. */
    void remember(String orderId, String plan) {
        jdbc.sql("""
                        insert into messaging_fault_plans (order_id, plan) values (:orderId, :plan)
                        on conflict (order_id) do nothing
                        """).param("orderId", orderId).param("plan", plan).update();
    }

    Optional<String> of(String orderId) {
        return jdbc.sql("select plan from messaging_fault_plans where order_id = :orderId")
                .param("orderId", orderId)
                .query(String.class)
                .optional();
    }
}
