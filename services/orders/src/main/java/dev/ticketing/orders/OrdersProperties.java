package dev.ticketing.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.*} settings of the orders service (docs/development.md, docs/saga.md).
 *
 * @param reservationTtl how long a buyer has to pay: {@code expiresAt = createdAt + reservationTtl}
 *                       ({@code TICKETING_RESERVATION_TTL}, e.g. {@code 15m} or {@code 20s})
 * @param saga           the step deadlines orders enforces itself
 * @param orders         limits of the order use cases
 */
@ConfigurationProperties("ticketing")
public record OrdersProperties(
        @DefaultValue("15m") Duration reservationTtl,
        @DefaultValue Saga saga,
        @DefaultValue Orders orders) {

    public OrdersProperties {
        requirePositive(reservationTtl, "ticketing.reservation-ttl");
    }

    /**
     * @param reserveTimeout    tickets must confirm the units of a new order within this time
     * @param deliveryTimeout   tickets must deliver a paid order within this time
     * @param sweepInterval     how often the deadline sweeper looks for orders past a deadline
     * @param expiryGrace       an unpaid order still open this long after {@code expiresAt} is expired by orders
     *                          itself, whether or not the expiry timer fired
     * @param restartAllowance  how long a crashed service may take to be back (the launcher's restart backoff plus
     *                          its start-up: 2-4 s with the start-up caches, about 5 s on a machine loaded 10x
     *                          over); a step deadline must leave room for it and for a redelivery
     *                          (docs/decisions/0005)
     */
    public record Saga(
            @DefaultValue("20s") Duration reserveTimeout,
            @DefaultValue("20s") Duration deliveryTimeout,
            @DefaultValue("1s") Duration sweepInterval,
            @DefaultValue("10s") Duration expiryGrace,
            @DefaultValue("5s") Duration restartAllowance) {

        public Saga {
            requirePositive(reserveTimeout, "ticketing.saga.reserve-timeout");
            requirePositive(deliveryTimeout, "ticketing.saga.delivery-timeout");
            requirePositive(sweepInterval, "ticketing.saga.sweep-interval");
            requirePositive(expiryGrace, "ticketing.saga.expiry-grace");
            requirePositive(restartAllowance, "ticketing.saga.restart-allowance");
        }
    }

    /** @param maxUnpaid orders a buyer may hold in {@code created} at once */
    public record Orders(@DefaultValue("10") int maxUnpaid) {

        public Orders {
            if (maxUnpaid < 1) {
                throw new IllegalArgumentException("ticketing.orders.max-unpaid must be at least 1");
            }
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(property + " must be a positive duration");
        }
    }
}
