package dev.ticketing.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The status of an order (docs/saga.md): {@code created → paid → complete}, or {@code cancelled} from created or
 * paid. One type for the events, orders' API and database and payments' replica, so that no service parses the
 * text its own way. The wire form is lower case; a text that is none of these fails to decode (the message is
 * dead-lettered) rather than being guessed.
 */
public enum OrderStatus {
    CREATED("created"),
    PAID("paid"),
    COMPLETE("complete"),
    CANCELLED("cancelled");

    private final String wire;

    OrderStatus(String wire) {
        this.wire = wire;
    }

    /** The lower-case name used in the events, the API and the databases; Jackson reads and writes this one. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Complete or cancelled: nothing changes any more, and the order has an {@link OrderOutcome}. */
    public boolean isFinal() {
        return this == COMPLETE || this == CANCELLED;
    }

    /** The status of a stored wire text (a database column); anything else is an error, never a default. */
    public static OrderStatus ofWire(String wire) {
        return Arrays.stream(values())
                .filter(s -> s.wire.equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown order status: " + wire));
    }
}
