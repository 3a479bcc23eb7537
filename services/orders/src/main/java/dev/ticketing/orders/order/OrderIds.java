package dev.ticketing.orders.order;

import java.util.Optional;
import java.util.UUID;

/** Order ids as other services send them in events: a canonical UUID, or nothing we know. */
final class OrderIds {

    private OrderIds() {}

    static Optional<UUID> parse(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
