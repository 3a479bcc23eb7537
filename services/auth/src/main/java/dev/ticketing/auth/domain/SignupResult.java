package dev.ticketing.auth.domain;

import java.time.Duration;

/** The outcome of a signup: the new user, the business rejection, or no capacity to hash the password now. */
public sealed interface SignupResult {

    record Created(User user) implements SignupResult {
    }

    record EmailInUse() implements SignupResult {
    }

    record Busy(Duration retryAfter) implements SignupResult {
    }
}
