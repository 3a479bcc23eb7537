package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.TicketCreated;
import dev.ticketing.platform.test.Poll;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link RetryLater} whose delay ends right where a pull request expires must still come back after its delay,
 * not after the ack wait: a message the server hands to a pull the client has already given up on is lost until
 * the ack wait runs out. Batches of {@code consumer-batch-size} messages end a pull at once, so the next pull
 * starts as the handlers ask for a delay of about {@code fetch-expiry}: the redeliveries land on its expiry.
 */
@dev.ticketing.platform.test.ServiceTest
@TestPropertySource(
        properties = {
            "ticketing.messaging.ack-wait=30s",
            "ticketing.messaging.consumer-batch-size=4",
            "ticketing.messaging.fetch-expiry=1s"
        })
class RetryLaterRedeliveryTest {

    private static final Duration FETCH_EXPIRY = Duration.ofSeconds(1);
    /** Far below the 30 s ack wait: a redelivery this late was lost by the consumer. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private static final int ROUNDS = 20;
    private static final int BATCH = 4;

    /** Every delivery of each aggregate, in order. */
    static final class Deliveries {
        final Map<String, List<Instant>> byAggregate = new ConcurrentHashMap<>();

        List<Instant> of(String aggregateId) {
            return byAggregate.getOrDefault(aggregateId, List.of());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @org.springframework.context.annotation.Import(MessagingTestBeans.class)
    static class App {

        @Bean
        Deliveries deliveries() {
            return new Deliveries();
        }

        /** Puts off the first delivery of each event by about one fetch expiry, then takes it. */
        @Bean
        EventHandler<TicketCreated> retryingOnce(Deliveries deliveries) {
            return EventHandler.of(Events.TICKET_CREATED, event -> {
                String id = event.envelope().aggregateId();
                List<Instant> seen = deliveries.byAggregate.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
                seen.add(Instant.now());
                if (seen.size() == 1) {
                    throw new RetryLater("not yet", delayOf(id));
                }
            });
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Deliveries deliveries;

    /** Delays spread just below the fetch expiry, where the handler's own latency puts them in practice. */
    static Duration delayOf(String aggregateId) {
        int index = Integer.parseInt(aggregateId.substring(aggregateId.lastIndexOf('-') + 1));
        return FETCH_EXPIRY.minusMillis(index % 20 * 2L);
    }

    @Test
    void retryLaterComesBackAfterItsDelayEvenWhenItEndsAsAPullExpires() {
        List<String> ids = new ArrayList<>();
        var transactions = new TransactionTemplate(transactionManager);
        for (int round = 0; round < ROUNDS; round++) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add("t-" + (round * BATCH + i));
            }
            transactions.executeWithoutResult(s -> batch.forEach(id -> outbox.append(
                    Events.TICKET_CREATED,
                    id,
                    1,
                    new TicketCreated(id, 1, "Concert", new BigDecimal("10.00"), 1, "seller"))));
            ids.addAll(batch);
            // one round at a time, so that each one fills a pull by itself
            Poll.until(
                    "round " + round + " is put off and redelivered",
                    SLACK.plus(FETCH_EXPIRY),
                    () -> batch.stream().allMatch(id -> deliveries.of(id).size() >= 2));
        }

        for (String id : ids) {
            List<Instant> seen = deliveries.of(id);
            assertThat(Duration.between(seen.get(0), seen.get(1)))
                    .as("redelivery of %s after asking for %s", id, delayOf(id))
                    .isGreaterThanOrEqualTo(delayOf(id).minusMillis(50))
                    .isLessThan(delayOf(id).plus(SLACK));
        }
    }
}
