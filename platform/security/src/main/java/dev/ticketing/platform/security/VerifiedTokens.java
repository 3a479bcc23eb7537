package dev.ticketing.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens already verified, until they expire: a client sends the same token with every request of its
 * 15 minutes, and an ES256 signature check costs far more CPU than the request it guards (it was about half of
 * the orders service's CPU under load). Keyed by the whole token, so a changed byte is a different, unverified
 * token. Bounded: when full, expired entries go first, then everything (the next requests verify again).
 *
 * <p>A cached verification stays valid until the token's own expiry even if its signing key is withdrawn from
 * the key set meanwhile; withdrawing a key therefore takes effect within one access-token lifetime.
 */
final class VerifiedTokens {

    private record Verified(CurrentUser user, Instant validUntil) {}

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration clockSkew;
    private final Clock clock;

    VerifiedTokens(int capacity, Duration clockSkew, Clock clock) {
        this.capacity = capacity;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    Optional<CurrentUser> find(String token) {
        Verified hit = verified.get(token);
        if (hit == null) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(hit.validUntil())) {
            verified.remove(token, hit);
            return Optional.empty();
        }
        return Optional.of(hit.user());
    }

    /** Remembers a token that passed every check, until its expiry plus the tolerated clock skew. */
    void remember(String token, CurrentUser user, Instant expiresAt) {
        if (verified.size() >= capacity) {
            Instant now = clock.instant();
            verified.values().removeIf(entry -> now.isAfter(entry.validUntil()));
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(token, new Verified(user, expiresAt.plus(clockSkew)));
    }

    int size() {
        return verified.size();
    }
}
