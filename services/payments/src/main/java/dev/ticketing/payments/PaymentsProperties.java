package dev.ticketing.payments;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.*} settings of the payments service (docs/development.md).
 *
 * @param initialCredits credits granted once to every new wallet ({@code TICKETING_INITIAL_CREDITS})
 */
@ConfigurationProperties("ticketing")
public record PaymentsProperties(@DefaultValue("500") BigDecimal initialCredits) {

    public PaymentsProperties {
        if (initialCredits.signum() < 0) {
            throw new IllegalArgumentException("ticketing.initial-credits must not be negative");
        }
    }
}
