package dev.ticketing.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.ticketing.platform.test.MutableClock;
import dev.ticketing.platform.test.TestJwtIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final TestJwtIssuer issuer = new TestJwtIssuer();
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final JWKSource<SecurityContext> keys = (JWKSelector selector, SecurityContext context) -> {
        keyLookups.incrementAndGet();
        return selector.select(issuer.jwks());
    };
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(
            keys,
            new TicketingSecurityProperties(
                    URI.create("http://unused"),
                    false,
                    "ticketing-auth",
                    "ticketing",
                    Duration.ofSeconds(60),
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(2)),
            clock);

    @Test
    void aTokenIsVerifiedOnceAndThenRecognisedUntilItExpires() {
        String token = issuer.token("user-1", "one@example.com", clock.instant());

        assertThat(verifier.verify(token)).map(CurrentUser::id).contains("user-1");
        assertThat(verifier.verify(token)).map(CurrentUser::email).contains("one@example.com");
        assertThat(keyLookups).as("the signature was checked once").hasValue(1);

        clock.advance(TestJwtIssuer.LIFETIME.plusSeconds(61)); // past its expiry and the clock skew
        assertThat(verifier.verify(token)).isEmpty();
    }

    @Test
    void aTokenWithAChangedByteIsAnotherTokenAndIsCheckedAgain() {
        String token = issuer.token("user-1", "one@example.com", clock.instant());
        assertThat(verifier.verify(token)).isPresent();

        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");

        assertThat(verifier.verify(tampered)).isEmpty();
        assertThat(keyLookups).hasValue(2);
    }

    @Test
    void whenFullExpiredEntriesGoFirstThenEverything() {
        var cache = new VerifiedTokens(2, Duration.ZERO, clock);
        var user = new CurrentUser("u", "u@example.com");
        cache.remember("old", user, clock.instant().plusSeconds(1));
        cache.remember("live", user, clock.instant().plusSeconds(600));
        clock.advance(Duration.ofSeconds(2));

        cache.remember("new", user, clock.instant().plusSeconds(600));

        assertThat(cache.find("old")).isEmpty();
        assertThat(cache.find("live")).isPresent();
        assertThat(cache.find("new")).isPresent();
        cache.remember("one more", user, clock.instant().plusSeconds(600));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(List.of("live", "new"))
                .allSatisfy(t -> assertThat(cache.find(t)).isEmpty());
    }
}
