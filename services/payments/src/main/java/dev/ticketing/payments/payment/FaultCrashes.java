package dev.ticketing.payments.payment;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** "crash done for order X at step S", so that an injected crash fires once per order and step. */
@Repository
class FaultCrashes {

    private final JdbcClient jdbc;

    FaultCrashes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the crash; false when it was recorded before (the crash already happened). */
    boolean recordOnce(String orderId, String step, Instant now) {
        return jdbc.sql("""
                        insert into fault_crashes (order_id, step, crashed_at) values (:order, :step, :now)
                        on conflict (order_id, step) do nothing""")
                .param("order", orderId).param("step", step).param("now", now.atOffset(ZoneOffset.UTC))
                .update() == 1;
    }
}
