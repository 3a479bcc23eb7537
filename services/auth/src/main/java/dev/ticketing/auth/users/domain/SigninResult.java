package dev.ticketing.auth.users.domain;

import dev.ticketing.auth.tokens.domain.User;
import java.time.Duration;

/** The outcome of a signin attempt. */
public sealed interface SigninResult {

    record Success(User user) implements SigninResult {}

    /** Unknown email or wrong password: deliberately indistinguishable. */
    record InvalidCredentials() implements SigninResult {}

    record Throttled(Duration retryAfter) implements SigninResult {}

    /** No capacity to check a password right now; the attempt does not count as a failure. */
    record Busy(Duration retryAfter) implements SigninResult {}
}
