package dev.ticketing.auth.domain;

/** The outcome of a signup: the new user, or the business rejection. */
public sealed interface SignupResult {

    record Created(User user) implements SignupResult {
    }

    record EmailInUse() implements SignupResult {
    }
}
