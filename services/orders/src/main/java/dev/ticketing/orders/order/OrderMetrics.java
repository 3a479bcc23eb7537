package dev.ticketing.orders.order;

import dev.ticketing.orders.domain.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Counters of orders created and of final outcomes, counted once the change has committed. */
@Component
class OrderMetrics {

    static final String CREATED = "ticketing.orders.placed";
    static final String FINISHED = "ticketing.orders.finished";

    private final MeterRegistry registry;
    private final Counter created;

    OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.created = Counter.builder(CREATED).description("Orders created").register(registry);
        for (Outcome outcome : Outcome.values()) {
            finishedCounter(outcome); // every outcome visible from the start, at 0
        }
    }

    void createdAfterCommit() {
        afterCommit(created::increment);
    }

    void finishedAfterCommit(Outcome outcome) {
        afterCommit(() -> finishedCounter(outcome).increment());
    }

    private Counter finishedCounter(Outcome outcome) {
        return Counter.builder(FINISHED).description("Orders that reached a final state, by outcome")
                .tag("outcome", outcome.name()).register(registry);
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
