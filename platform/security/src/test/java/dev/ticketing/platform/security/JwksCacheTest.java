package dev.ticketing.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.ticketing.platform.test.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwksCacheTest {

    /**
     * The first requests of a service race its first fetch: one that looked before the fetch had brought keys may ask
     * for a fetch only after it ended, inside the rate limit. It gets the keys that fetch brought, not none (which
     * answered a valid token 401).
     */
    @Test
    void aRequestRefusedAFetchByTheRateLimitGetsTheKeysTheLastFetchBrought() throws Exception {
        var keys = new JWKSet(
                new ECKeyGenerator(Curve.P_256).keyID("k1").generate().toPublicJWK());
        var fetches = new AtomicInteger();
        var cache = new JwksCache(
                () -> {
                    fetches.incrementAndGet();
                    return keys;
                },
                Runnable::run,
                new MutableClock(),
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5));

        assertThat(cache.awaitFetch())
                .hasValueSatisfying(fetched -> assertThat(fetched.keys()).isEqualTo(keys));
        assertThat(cache.awaitFetch())
                .hasValueSatisfying(fetched -> assertThat(fetched.keys()).isEqualTo(keys));
        assertThat(fetches).as("the second call is inside the rate limit").hasValue(1);
    }
}
