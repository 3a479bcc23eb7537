package dev.ticketing.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.auth.*}.
 *
 * @param hashingConcurrency          Argon2 computations at once (each takes 19 MiB and a core for a while)
 * @param hashingQueue                requests that may wait for one of them; more are refused at once with 503
 * @param hashingMaxWait              how long a request waits for a computation before it is refused with 503
 * @param signinMaxFailures           failed signins per email within {@code signinFailureWindow} before 429
 * @param signinMaxFailuresPerAddress failed signins per client address (IPv6: per /64) within the window before
 *                                    429, whatever the emails: password spraying, Argon2 floods with random emails
 * @param signinFailureWindow         the sliding window of both signin limits
 * @param refreshTokenLifetime        absolute lifetime of a refresh-token family (rotation does not extend it)
 */
@ConfigurationProperties("ticketing.auth")
public record AuthProperties(
        @DefaultValue("4") int hashingConcurrency,
        @DefaultValue("16") int hashingQueue,
        @DefaultValue("2s") Duration hashingMaxWait,
        @DefaultValue("5") int signinMaxFailures,
        @DefaultValue("20") int signinMaxFailuresPerAddress,
        @DefaultValue("1m") Duration signinFailureWindow,
        @DefaultValue("30d") Duration refreshTokenLifetime) {}
