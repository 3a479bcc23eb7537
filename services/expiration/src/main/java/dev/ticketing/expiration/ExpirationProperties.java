package dev.ticketing.expiration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.expiration.*}: how the timers are run.
 *
 * @param pollInterval      how often due timers are looked for: the upper bound of the expiry lag
 * @param threads           timers fired at once by one instance
 * @param heartbeatInterval how often a running timer proves its instance is alive
 * @param missedHeartbeats  heartbeats missed before a running timer is taken as dead (its instance crashed)
 *                          and run again
 * @param retryDelay        first delay before a timer whose firing failed is tried again (doubles each time)
 * @param shutdownMaxWait   how long stopping waits for timers being fired
 */
@ConfigurationProperties("ticketing.expiration")
public record ExpirationProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2") int threads,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("4") int missedHeartbeats,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("10s") Duration shutdownMaxWait) {

    public ExpirationProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("ticketing.expiration.threads must be at least 1");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("ticketing.expiration.poll-interval must be positive");
        }
    }
}
