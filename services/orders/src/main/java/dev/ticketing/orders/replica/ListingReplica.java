package dev.ticketing.orders.replica;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A listing as an order is made from it: who sells it, and its title and price at the version the replica has.
 * The replica's unit counters are not here: only {@link ListingReplicas#reserveFor}'s conditional update reads them,
 * and the stock rule itself is the tickets service's.
 */
public record ListingReplica(UUID id, String sellerId, String title, BigDecimal price) {}
