package dev.ticketing.auth.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys that sign access tokens, kept in the auth database (never in the repository). The first
 * instance to start generates one; instances starting together serialise on an advisory lock, so they all end
 * up with the same single active key. The newest active key signs; every active key is published.
 */
@Component
public class SigningKeys implements ApplicationRunner {

    private static final long BOOTSTRAP_LOCK = 0x5167_6e4b_6579L;
    private static final long MIN_RELOAD_INTERVAL_MILLIS = 10_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile List<ECKey> active = List.of();
    private volatile long lastReload;

    SigningKeys(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureActiveKey();
    }

    /** Makes sure an active key exists (creating one if none) and loads the active keys. */
    public void ensureActiveKey() {
        List<ECKey> keys = tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)")
                    .param("lock", BOOTSTRAP_LOCK)
                    .query()
                    .singleRow();
            List<ECKey> existing = loadActive();
            if (!existing.isEmpty()) {
                return existing;
            }
            ECKey key = generate();
            jdbc.sql("""
                            insert into signing_keys (kid, private_key, public_key, created_at, active)
                            values (:kid, :private, :public, :at, true)""")
                    .param("kid", key.getKeyID())
                    .param("private", key.toJSONString())
                    .param("public", key.toPublicJWK().toJSONString())
                    .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            return List.of(key);
        });
        active = keys;
        lastReload = System.currentTimeMillis();
    }

    /** The key that signs new tokens. */
    public ECKey signingKey() {
        List<ECKey> keys = active;
        if (keys.isEmpty()) {
            ensureActiveKey();
            keys = active;
        }
        return keys.getFirst();
    }

    /** The public halves of the active keys: what the JWKS endpoint serves. */
    public JWKSet publicKeys() {
        if (active.isEmpty()) {
            ensureActiveKey();
        }
        return new JWKSet(active.stream().map(k -> (JWK) k.toPublicJWK()).toList());
    }

    /**
     * Reloads from the database when a token names a kid we do not know (another instance may have added a key),
     * at most every few seconds so that forged kids cannot hammer the database.
     */
    boolean reloadIfStale() {
        long now = System.currentTimeMillis();
        if (now - lastReload < MIN_RELOAD_INTERVAL_MILLIS) {
            return false;
        }
        lastReload = now;
        List<ECKey> keys = loadActive();
        if (!keys.isEmpty()) {
            active = keys;
        }
        return true;
    }

    private List<ECKey> loadActive() {
        return jdbc
                .sql("select private_key from signing_keys where active order by created_at desc, kid")
                .query(String.class)
                .list()
                .stream()
                .map(SigningKeys::parse)
                .toList();
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("Unreadable signing key in signing_keys", e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.ES256)
                    .keyUse(KeyUse.SIGNATURE)
                    .issueTime(java.util.Date.from(Instant.now()))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
