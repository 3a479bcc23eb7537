package dev.ticketing.orders.domain;

import java.util.Arrays;

/** The status of an order (docs/api.md): {@code created → paid → complete}, or {@code cancelled} from created/paid. */
public enum OrderStatus {
    CREATED("created"),
    PAID("paid"),
    COMPLETE("complete"),
    CANCELLED("cancelled");

    private final String wire;

    OrderStatus(String wire) {
        this.wire = wire;
    }

    /** The lower-case name used in the API, the events and the database. */
    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this == COMPLETE || this == CANCELLED;
    }

    public static OrderStatus ofWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown order status: " + wire));
    }
}
