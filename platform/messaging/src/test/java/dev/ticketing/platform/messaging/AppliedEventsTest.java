package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What {@link AppliedEvents} answers from memory, so that a waiter for the first event of an aggregate costs no
 * round trip in the usual case. Nothing here reaches the inbox: no database is needed.
 */
class AppliedEventsTest {

    private static final Duration SHORT = Duration.ofMillis(20);

    private final AppliedEvents applied = new AppliedEvents(null);
    private final AtomicInteger looks = new AtomicInteger();

    /** The caller's own look (in a service, a statement); counted so a test can say it was not needed. */
    private BooleanSupplier look(boolean answer) {
        return () -> {
            looks.incrementAndGet();
            return answer;
        };
    }

    @Test
    void anAggregateTheConsumerAppliedLatelyIsAnsweredWithoutTheCallersLook() {
        applied.applied("payments-ORDER_created", UUID.randomUUID(), "order-1");

        assertThat(applied.appliedLately("payments-ORDER_created", "order-1")).isTrue();
        assertThat(applied.awaitAggregate("payments-ORDER_created", "order-1", look(false), SHORT))
                .isTrue();
        assertThat(looks).hasValue(0);
    }

    @Test
    void anotherConsumersEventOrAnotherAggregateIsNotTakenForIt() {
        applied.applied("tickets-ORDER_created", UUID.randomUUID(), "order-1");
        applied.applied("payments-ORDER_created", UUID.randomUUID(), "order-2");

        assertThat(applied.appliedLately("payments-ORDER_created", "order-1")).isFalse();
        assertThat(applied.awaitAggregate("payments-ORDER_created", "order-1", look(false), SHORT))
                .isFalse();
        assertThat(looks.get()).isPositive();
    }

    @Test
    void anAggregateNotRememberedIsAnsweredByTheCallersLook() {
        assertThat(applied.awaitAggregate("payments-ORDER_created", "order-1", look(true), SHORT))
                .isTrue();
        assertThat(looks).hasValue(1);
    }

    @Test
    void onlyTheLatestFewThousandAggregatesAreRemembered() {
        applied.applied("payments-ORDER_created", UUID.randomUUID(), "order-0");
        for (int i = 1; i <= 4096; i++) {
            applied.applied("payments-ORDER_created", UUID.randomUUID(), "order-" + i);
        }

        assertThat(applied.appliedLately("payments-ORDER_created", "order-0")).isFalse();
        assertThat(applied.appliedLately("payments-ORDER_created", "order-1")).isTrue();
        assertThat(applied.appliedLately("payments-ORDER_created", "order-4096"))
                .isTrue();
    }
}
