package dev.ticketing.orders.order;

import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.orders.order.domain.Order;
import dev.ticketing.platform.observability.SagaSpans;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What orders tells the operator about its saga: counters of orders created and of final outcomes (counted once the
 * change has committed), the latency of every saga step ({@code ticketing.saga.step}: from the order's previous
 * change to this step's answer, by step, answering service and result), and the same step on the span in hand
 * (decision 60).
 */
@Component
class OrderMetrics {

    static final String CREATED = "ticketing.orders.placed";
    static final String FINISHED = "ticketing.orders.finished";
    static final String STEP = "ticketing.saga.step";
    private static final Logger log = LoggerFactory.getLogger(OrderMetrics.class);

    private final MeterRegistry registry;
    private final Counter created;
    private final SagaSpans spans;

    OrderMetrics(MeterRegistry registry, SagaSpans spans) {
        this.registry = registry;
        this.spans = spans;
        this.created = Counter.builder(CREATED).description("Orders created").register(registry);
        for (OrderOutcome outcome : OrderOutcome.values()) {
            finishedCounter(outcome); // every outcome visible from the start, at 0
        }
    }

    void createdAfterCommit() {
        afterCommit(created::increment);
    }

    void finishedAfterCommit(OrderOutcome outcome) {
        afterCommit(() -> finishedCounter(outcome).increment());
    }

    /** A step of the saga decided on {@code before}: its span tags, and its latency since the previous change. */
    void step(Order before, Timeline.Source source, String result, Instant now) {
        spans.step(source.step(), before.id(), before.listingId(), result);
        Timer.builder(STEP)
                .description("Saga steps: time from the order's previous change to this step")
                .tag("step", source.step())
                .tag("service", source.service())
                .tag("result", result)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.between(before.updatedAt(), now));
    }

    /** The order's first step: its creation, on the request's span. */
    void created(Order order) {
        log.info("Order {} created: {} unit(s) of listing {}", order.id(), order.quantity(), order.listingId());
        spans.step(Timeline.Source.CREATE.step(), order.id(), order.listingId(), "created");
    }

    private Counter finishedCounter(OrderOutcome outcome) {
        return Counter.builder(FINISHED)
                .description("Orders that reached a final state, by outcome")
                .tag("outcome", outcome.name())
                .register(registry);
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
