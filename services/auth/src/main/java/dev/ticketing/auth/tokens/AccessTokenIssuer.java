package dev.ticketing.auth.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ticketing.auth.tokens.domain.User;
import dev.ticketing.platform.security.AccessTokens;
import dev.ticketing.platform.security.TicketingSecurityProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Mints access tokens in the format of docs/development.md (ES256, typ at+jwt, 15 minutes). */
@Component
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final TicketingSecurityProperties properties;
    private final Clock clock;

    AccessTokenIssuer(SigningKeys keys, TicketingSecurityProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public String issue(User user) {
        ECKey key = keys.signingKey();
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .subject(user.id().toString())
                .claim(AccessTokens.EMAIL_CLAIM, user.email())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(AccessTokens.LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(AccessTokens.TYPE)
                .keyID(key.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return jwt.serialize();
    }
}
