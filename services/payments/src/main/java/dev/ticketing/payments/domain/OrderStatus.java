package dev.ticketing.payments.domain;

import java.util.Locale;

/** The status of an order as the orders service publishes it ({@code created | paid | complete | cancelled}). */
public enum OrderStatus {
    CREATED, PAID, COMPLETE, CANCELLED;

    public static OrderStatus of(String wire) {
        return valueOf(wire.trim().toUpperCase(Locale.ROOT));
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
