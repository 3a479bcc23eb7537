package dev.ticketing.tickets.saga.domain;

import java.util.Arrays;
import java.util.Optional;

/** A saga step a fault can be injected into (product.md); tickets acts on {@link #RESERVE} and {@link #DELIVERY}. */
public enum FaultStep {
    CREATE, RESERVE, PAYMENT, DELIVERY;

    static Optional<FaultStep> named(String name) {
        return Arrays.stream(values()).filter(step -> step.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The name in the header, e.g. {@code reserve}. */
    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
