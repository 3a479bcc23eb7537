package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.PaymentCreated;
import dev.ticketing.contracts.Events.TicketReserved;
import dev.ticketing.platform.test.Poll;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two consumers of one service whose batches lock the same rows, one receiving them in ascending and the other in
 * descending order (as orders' TICKET.reserved and PAYMENT.created consumers do for the same orders): handled in
 * stream order, their batches lock in opposite orders and deadlock; handled in the order of their lock keys they
 * never do, and every event is applied once, on its first delivery.
 */
@dev.ticketing.platform.test.ServiceTest
class BatchLockOrderTest {

    private static final int ROWS = 24;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the handlers saw go wrong: a lock conflict with the other consumer's transaction. */
    static final class Conflicts {
        final Queue<String> seen = new ConcurrentLinkedQueue<>();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(MessagingTestBeans.class)
    static class App {

        @Bean
        Conflicts conflicts() {
            return new Conflicts();
        }

        @Bean
        EventHandler<TicketReserved> reserved(DataSource dataSource, Conflicts conflicts) {
            return lockingHandler(Events.TICKET_RESERVED, TicketReserved::orderId, dataSource, conflicts);
        }

        @Bean
        EventHandler<PaymentCreated> paid(DataSource dataSource, Conflicts conflicts) {
            return lockingHandler(Events.PAYMENT_CREATED, PaymentCreated::orderId, dataSource, conflicts);
        }

        /**
         * Locks the row of the event's key and holds it a moment (the rest of a real handler's work), so that the
         * two consumers' transactions overlap.
         */
        private static <T> EventHandler<T> lockingHandler(
                EventType<T> type, Function<T, String> key, DataSource dataSource, Conflicts conflicts) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            return EventHandler.of(type, key, event -> {
                try {
                    jdbc.sql("update test_effect set count = count + 1 where key = :key")
                            .param("key", key.apply(event.data()))
                            .update();
                    jdbc.sql("select pg_sleep(0.005)").query().singleValue();
                } catch (ConcurrencyFailureException e) {
                    conflicts.seen.add(type + " " + key.apply(event.data()) + ": " + e.getMessage());
                    throw e;
                }
            });
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    TestEffects effects;

    @Autowired
    DataSource dataSource;

    @Autowired
    Conflicts conflicts;

    @Autowired
    MeterRegistry meters;

    @Test
    void batchesOfTwoConsumersLockingTheSameRowsNeverDeadlockAndApplyEveryEventOnce() {
        List<String> keys = IntStream.range(0, ROWS)
                .mapToObj(i -> "order-%02d".formatted(i))
                .toList();
        var jdbc = JdbcClient.create(dataSource);
        keys.forEach(key -> jdbc.sql("insert into test_effect (key, count) values (:key, 0)")
                .param("key", key)
                .update());

        // one commit, so the relay publishes them together and each consumer takes them in few batches
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int i = 0; i < ROWS; i++) {
                String ascending = keys.get(i);
                String descending = keys.get(ROWS - 1 - i);
                outbox.append(Events.TICKET_RESERVED, ascending, 1, new TicketReserved(ascending, "listing", 1));
                outbox.append(
                        Events.PAYMENT_CREATED,
                        descending,
                        1,
                        new PaymentCreated("payment-" + descending, descending, BigDecimal.ONE));
            }
        });

        for (String key : keys) {
            Poll.until("both events of " + key + " applied", TIMEOUT, () -> effects.count(key), count -> count >= 2);
        }
        assertThat(conflicts.seen).as("lock conflicts between the consumers").isEmpty();
        assertThat(keys)
                .allSatisfy(key -> assertThat(effects.count(key)).as(key).isEqualTo(2));
        assertThat(Search.in(meters).name(InboundProcessor.REDELIVERIES_METRIC).counters())
                .as("redeliveries")
                .isEmpty();
    }
}
