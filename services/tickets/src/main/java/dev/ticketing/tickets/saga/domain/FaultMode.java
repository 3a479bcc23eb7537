package dev.ticketing.tickets.saga.domain;

import java.util.Arrays;
import java.util.Optional;

/** How an injected fault behaves (product.md). */
public enum FaultMode {
    /** The step fails with an error that is not a business rejection: outcome UNKNOWN. */
    FAIL,
    /** The step answers after its deadline: outcome TIMEOUT, the late answer is compensated. */
    TIMEOUT,
    /** The process halts right after the step committed, once; after a restart the saga succeeds. */
    CRASH;

    static Optional<FaultMode> named(String name) {
        return Arrays.stream(values()).filter(mode -> mode.name().equalsIgnoreCase(name)).findFirst();
    }
}
