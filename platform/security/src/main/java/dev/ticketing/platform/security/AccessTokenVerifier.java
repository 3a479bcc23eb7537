package dev.ticketing.platform.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies access tokens: ES256 only, {@code typ at+jwt}, signed by a key of the JWK source, with the expected
 * issuer and audience and within its validity window (plus the configured clock skew). Any failure, including
 * an unreachable JWKS, yields "no user": the caller decides whether that is a 401.
 */
public final class AccessTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenVerifier.class);

    /** Distinct tokens remembered at once: far more than the users active within one token lifetime here. */
    static final int CACHE_CAPACITY = 20_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final VerifiedTokens verified;

    public AccessTokenVerifier(JWKSource<SecurityContext> keys, TicketingSecurityProperties properties, Clock clock) {
        this.verified = new VerifiedTokens(CACHE_CAPACITY, properties.clockSkew(), clock);
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(AccessTokens.TYPE, new JOSEObjectType("application/at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        var claims = new ClockClaimsVerifier(properties, clock);
        claims.setMaxClockSkew((int) properties.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The user the token speaks for, or empty when the token is not a valid access token. */
    public Optional<CurrentUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<CurrentUser> known = verified.find(token);
        if (known.isPresent()) {
            return known;
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            String email = claims.getStringClaim(AccessTokens.EMAIL_CLAIM);
            var user = new CurrentUser(claims.getSubject(), email);
            verified.remember(token, user, claims.getExpirationTime().toInstant());
            return Optional.of(user);
        } catch (java.text.ParseException
                | com.nimbusds.jose.proc.BadJOSEException
                | com.nimbusds.jose.JOSEException
                | RuntimeException e) {
            // Invalid tokens are routine (expired cookies); log at debug to keep them out of production logs.
            log.debug("Rejected access token: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Nimbus' claims checks, with "now" taken from the injected clock so tests can move time. */
    private static final class ClockClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final Clock clock;

        ClockClaimsVerifier(TicketingSecurityProperties properties, Clock clock) {
            super(
                    Set.of(properties.audience()),
                    new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
                    Set.of(
                            JWTClaimNames.SUBJECT,
                            JWTClaimNames.EXPIRATION_TIME,
                            JWTClaimNames.ISSUED_AT,
                            AccessTokens.EMAIL_CLAIM),
                    null);
            this.clock = clock;
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
