package dev.ticketing.auth.tokens;

import dev.ticketing.auth.AuthProperties;
import dev.ticketing.auth.tokens.domain.RefreshResult;
import dev.ticketing.auth.tokens.domain.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opaque 256-bit refresh tokens, stored only as SHA-256 hashes, grouped in families (one per signin) with an
 * absolute lifetime. Every use rotates the token; presenting a rotated one again means it leaked, so the whole
 * family is revoked.
 */
@Component
public class RefreshTokens {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuthProperties properties;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** Starts a new family for a fresh signin and returns its first token. */
    public String startFamily(User user) {
        Instant now = clock.instant();
        UUID family = UUID.randomUUID();
        return tx.execute(status -> {
            jdbc.sql("""
                            insert into refresh_token_families (id, user_id, created_at, expires_at)
                            values (:id, :user, :now, :expires)""")
                    .param("id", family)
                    .param("user", user.id())
                    .param("now", at(now))
                    .param("expires", at(now.plus(properties.refreshTokenLifetime())))
                    .update();
            return addToken(family, now);
        });
    }

    public RefreshResult rotate(String token) {
        Optional<byte[]> hash = hash(token);
        if (hash.isEmpty()) {
            return new RefreshResult.Rejected();
        }
        Instant now = clock.instant();
        return tx.execute(status -> {
            // "for update" makes two concurrent uses of one token meet here: the second sees it rotated
            Optional<Row> found = jdbc.sql("""
                            select t.family_id, t.rotated_at, f.expires_at, f.revoked_at, u.id as user_id, u.email
                            from refresh_tokens t
                            join refresh_token_families f on f.id = t.family_id
                            join users u on u.id = f.user_id
                            where t.token_hash = :hash
                            for update of t, f""")
                    .param("hash", hash.get())
                    .query((rs, n) -> new Row(
                            rs.getObject("family_id", UUID.class),
                            rs.getObject("rotated_at", OffsetDateTime.class),
                            rs.getObject("expires_at", OffsetDateTime.class),
                            rs.getObject("revoked_at", OffsetDateTime.class),
                            new User(rs.getObject("user_id", UUID.class), rs.getString("email"))))
                    .optional();
            if (found.isEmpty()) {
                return new RefreshResult.Rejected();
            }
            Row row = found.get();
            if (row.revokedAt != null || !row.expiresAt.toInstant().isAfter(now)) {
                return new RefreshResult.Rejected();
            }
            if (row.rotatedAt != null) {
                revokeFamily(row.familyId, now);
                return new RefreshResult.ReuseDetected();
            }
            jdbc.sql("update refresh_tokens set rotated_at = :now where token_hash = :hash")
                    .param("now", at(now))
                    .param("hash", hash.get())
                    .update();
            return new RefreshResult.Rotated(row.user, addToken(row.familyId, now));
        });
    }

    /** Revokes the family of a token (signout); unknown tokens are ignored. */
    public void revokeFamilyOf(String token) {
        hash(token)
                .ifPresent(hash -> jdbc.sql("""
                        update refresh_token_families set revoked_at = :now
                        where revoked_at is null
                          and id = (select family_id from refresh_tokens where token_hash = :hash)""")
                        .param("now", at(clock.instant()))
                        .param("hash", hash)
                        .update());
    }

    private void revokeFamily(UUID family, Instant now) {
        jdbc.sql("update refresh_token_families set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", at(now))
                .param("id", family)
                .update();
    }

    private String addToken(UUID family, Instant now) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("insert into refresh_tokens (token_hash, family_id, created_at) values (:hash, :family, :now)")
                .param("hash", sha256(token))
                .param("family", family)
                .param("now", at(now))
                .update();
        return token;
    }

    private static Optional<byte[]> hash(String token) {
        // real tokens are 43 base64url characters; anything else is not worth a database lookup
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return Optional.of(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Row(
            UUID familyId, OffsetDateTime rotatedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, User user) {}
}
