package dev.ticketing.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.auth.*}.
 *
 * @param hashingConcurrency    Argon2 computations at once (each takes 19 MiB): a signin flood queues instead
 *                              of exhausting memory
 * @param signinMaxFailures     failed signins per email within {@code signinFailureWindow} before 429
 * @param signinFailureWindow   the sliding window of the signin throttle
 * @param refreshTokenLifetime  absolute lifetime of a refresh-token family (rotation does not extend it)
 */
@ConfigurationProperties("ticketing.auth")
public record AuthProperties(
        @DefaultValue("4") int hashingConcurrency,
        @DefaultValue("5") int signinMaxFailures,
        @DefaultValue("1m") Duration signinFailureWindow,
        @DefaultValue("30d") Duration refreshTokenLifetime) {
}
