package dev.ticketing.orders.replica;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A listing as orders knows it: the tickets service's details at {@code version}, and orders' own counters of the
 * units its orders hold ({@code reserved}) and completed ({@code sold}).
 */
public record ListingReplica(UUID id, String sellerId, String title, BigDecimal price, int quantity, int reserved,
                             int sold, long version) {

    public int available() {
        return quantity - reserved - sold;
    }
}
