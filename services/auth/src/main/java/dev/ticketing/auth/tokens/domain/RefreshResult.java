package dev.ticketing.auth.tokens.domain;

/** The outcome of presenting a refresh token. */
public sealed interface RefreshResult {

    /** The token was current: it is now rotated and {@code refreshToken} replaces it. */
    record Rotated(User user, String refreshToken) implements RefreshResult {}

    /** Unknown, expired or revoked token. */
    record Rejected() implements RefreshResult {}

    /** An already-rotated token came back: it was stolen or replayed, so its whole family is now revoked. */
    record ReuseDetected() implements RefreshResult {}
}
