package dev.ticketing.orders.order.domain;

import java.util.List;
import java.util.Objects;

/** What asking an {@link Order} to change gave: the changed order, or why nothing changed. */
public sealed interface Transition {

    /** The change applied: store {@code order}, publish {@code events}, record {@code detail} on the timeline. */
    record Transitioned(Order order, List<OrderEvent> events, String detail) implements Transition {
        public Transitioned {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(detail, "detail");
            events = List.copyOf(events);
        }
    }

    /** Nothing to do in the order's state, as the protocol foresees (e.g. a late answer); worth a timeline entry. */
    record Ignored(String reason) implements Transition {}

    /** The protocol does not allow this in the order's state: never applied, recorded on the timeline. */
    record Illegal(String reason) implements Transition {}

    /** A repeat of something already applied: nothing to do and nothing worth recording. */
    record Unchanged() implements Transition {}
}
