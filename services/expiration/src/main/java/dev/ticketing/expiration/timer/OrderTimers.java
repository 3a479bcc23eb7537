package dev.ticketing.expiration.timer;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The timer tables: db-scheduler's {@code scheduled_tasks}, {@code cancelled_orders} and {@code expirations}.
 * Every method joins the caller's transaction (JdbcClient goes through DataSourceUtils).
 *
 * <p>Timers are inserted with plain SQL rather than db-scheduler's {@code SchedulerClient}: the client checks
 * for an existing row and then inserts, so two deliveries racing would make the second insert fail, and on
 * PostgreSQL a failed statement aborts the whole inbox transaction. One {@code insert ... on conflict do
 * nothing} is atomic, idempotent and runs on the handler's connection, so the timer commits (or rolls back)
 * with the inbox row. The row has the shape db-scheduler writes for a new one-time task instance: not picked,
 * version 1, default priority, and as its data the {@code traceparent} of the order's trace ({@link TraceData}), which
 * the timer fires in (decision 60), so that the trace comes and goes with the timer.
 */
@Repository
class OrderTimers {

    static final String TASK_NAME = "order-expiration";

    private final JdbcClient jdbc;
    private final Clock clock;

    OrderTimers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Schedules the order's timer, to fire in the order's trace (null: none), unless it exists, already fired, or
     * the order was cancelled.
     *
     * @return true when a timer was created
     */
    boolean schedule(String orderId, Instant expiresAt, String traceparent) {
        return jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                                     version, priority)
                        select :task, :orderId, cast(:trace as bytea), :expiresAt, false, 1, :priority
                        where not exists (select 1 from cancelled_orders where order_id = :orderId)
                          and not exists (select 1 from expirations where order_id = :orderId)
                        on conflict (task_name, task_instance) do nothing
                        """)
                        .param("task", TASK_NAME)
                        .param("orderId", orderId)
                        .param("trace", TraceData.bytes(traceparent))
                        .param("expiresAt", Timestamp.from(expiresAt))
                        .param("priority", OneTimeTask.DEFAULT_PRIORITY)
                        .update()
                == 1;
    }

    /** Remembers that the order is cancelled, so that no timer is scheduled or fired for it from now on. */
    void rememberCancelled(String orderId) {
        jdbc.sql("""
                        insert into cancelled_orders (order_id, cancelled_at) values (:orderId, :now)
                        on conflict (order_id) do nothing
                        """)
                .param("orderId", orderId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Drops the order's timer if it is waiting. A timer being fired right now is left to db-scheduler (deleting
     * its row under it would make its completion fail); the firing sees the cancellation and publishes nothing.
     *
     * @return true when a waiting timer was dropped
     */
    boolean drop(String orderId) {
        return jdbc.sql("""
                        delete from scheduled_tasks
                        where task_name = :task and task_instance = :orderId and not picked
                        """).param("task", TASK_NAME).param("orderId", orderId).update() == 1;
    }

    boolean isCancelled(String orderId) {
        return jdbc.sql("select exists (select 1 from cancelled_orders where order_id = :orderId)")
                .param("orderId", orderId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Records that the order's timer fired.
     *
     * @return false when it had already fired (the row exists), in which case nothing may be published again
     */
    boolean recordFired(String orderId) {
        return jdbc.sql("""
                        insert into expirations (order_id, fired_at) values (:orderId, :now)
                        on conflict (order_id) do nothing
                        """)
                        .param("orderId", orderId)
                        .param("now", Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }
}
