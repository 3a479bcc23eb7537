package dev.ticketing.platform.messaging.fault;

import dev.ticketing.contracts.FaultPlan.Step;
import dev.ticketing.contracts.ProcessHalt;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An injected crash, once per (order, step). The step's own transaction inserts a row into
 * {@code messaging_fault_crashes}, and the process halts after that transaction commits. The row is the memory
 * that the crash happened, and it is the only memory that works here:
 * <ul>
 *   <li>it outlives the halt, which a flag in memory does not (the restarted process would crash again, forever);</li>
 *   <li>it commits exactly when the step does: a step that rolls back (a failed handler, a refused payment) leaves
 *       no row and has not used the crash up, and a step that commits cannot lose its row;</li>
 *   <li>it works for a step started by an HTTP request as well as by a message, and for a step run again under a
 *       new event id, which a message's delivery count would not tell apart from a first run.</li>
 * </ul>
 * The halt is after the commit and before anything else learns of it: no acknowledgement, no HTTP answer, so the
 * redelivery (or the client's retry) after the restart meets a step that is done.
 */
final class CrashOnce {

    private final JdbcClient jdbc;
    private final ProcessHalt halt;

    CrashOnce(JdbcClient jdbc, ProcessHalt halt) {
        this.jdbc = jdbc;
        this.halt = halt;
    }

    void afterCommit(String orderId, Step step) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("An injected crash needs the step's transaction");
        }
        int recorded = jdbc.sql("""
                        insert into messaging_fault_crashes (order_id, step) values (:orderId, :step)
                        on conflict (order_id, step) do nothing
                        """)
                .param("orderId", orderId)
                .param("step", step.token())
                .update();
        if (recorded == 1) {
            TransactionSynchronizationManager.registerSynchronization(new HaltAfterCommit(halt));
        }
    }

    private record HaltAfterCommit(ProcessHalt halt) implements TransactionSynchronization {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE; // with the step's own after-commit work (registered earlier) first
        }

        @Override
        public void afterCommit() {
            halt.halt(ProcessHalt.CRASH_STATUS);
        }
    }
}
