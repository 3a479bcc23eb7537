package dev.ticketing.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * How the bench learns that an order became final (complete or cancelled) without loading the system: from the
 * events orders publishes ({@link NatsFinalStates}), or, only when NATS cannot be reached, by polling the API
 * ({@link PollingFinalStates}), which the report then says.
 */
interface FinalStates extends AutoCloseable {

    /** The order's outcome (SUCCESS for a completed order) and when the bench learned it ({@link System#nanoTime}). */
    record Final(String outcome, long atNanos) {}

    /** One order being waited for. */
    interface Waiting {

        /** The final state, or empty if the order is not final within {@code timeout}. */
        Optional<Final> await(Duration timeout);
    }

    /** Starts waiting for an order; called before paying it, so the event cannot arrive unnoticed. */
    Waiting expect(String orderId, String buyerToken);

    /** {@code nats} or {@code polling (<why NATS could not be used>)}. */
    String source();

    @Override
    void close();
}
