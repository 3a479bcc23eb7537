package dev.ticketing.auth.users.domain;

import dev.ticketing.auth.tokens.domain.User;
import java.time.Duration;

/** The outcome of a signup: the new user, the business rejection, or no capacity to hash the password now. */
public sealed interface SignupResult {

    record Created(User user) implements SignupResult {}

    record EmailInUse() implements SignupResult {}

    record Busy(Duration retryAfter) implements SignupResult {}
}
