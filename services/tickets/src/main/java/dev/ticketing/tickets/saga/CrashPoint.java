package dev.ticketing.tickets.saga;

import dev.ticketing.contracts.FaultPlan.Step;
import dev.ticketing.contracts.ProcessHalt;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An injected crash: the step's transaction records that the crash happened, and the process halts right after
 * that transaction commits, before the message is acknowledged. The record makes the crash happen once per
 * (order, step); the redelivery after the restart then finds the step done.
 */
@Component
class CrashPoint {


    private final JdbcClient jdbc;
    private final ProcessHalt halter;
    private final Clock clock;

    CrashPoint(JdbcClient jdbc, ProcessHalt halter, Clock clock) {
        this.jdbc = jdbc;
        this.halter = halter;
        this.clock = clock;
    }

    /** Must run inside the step's transaction; halts after its commit unless this crash already happened. */
    void crashOnceAfterCommit(UUID orderId, Step step) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("An injected crash needs the step's transaction");
        }
        int recorded = jdbc.sql("""
                        insert into fault_crashes (order_id, step, crashed_at) values (:orderId, :step, :at)
                        on conflict do nothing
                        """)
                .param("orderId", orderId)
                .param("step", step.token())
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (recorded == 1) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE; // after every other after-commit work, e.g. waking the relay
                }

                @Override
                public void afterCommit() {
                    halter.halt(ProcessHalt.CRASH_STATUS);
                }
            });
        }
    }
}
