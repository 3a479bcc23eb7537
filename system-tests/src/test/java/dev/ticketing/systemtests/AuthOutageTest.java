package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every service verifies access tokens with the auth public keys it cached (docs/decisions/0010). When auth stops
 * answering for longer than that cache's lifetime ({@link Stack#JWKS_CACHE_TTL} here), valid tokens keep working:
 * the stale keys are used until a refresh succeeds, and a refresh that fails against the frozen auth keeps them.
 */
@ExtendWith(StackExtension.class)
class AuthOutageTest {

    private final Stack stack = Stack.get();

    @Test
    void aValidTokenWorksWhileAuthIsFrozenLongerThanTheKeyCacheLifetime() {
        stack.awaitAllReady(Duration.ofSeconds(120));
        String email = AuthJourneyTest.uniqueEmail();
        assertThat(new Http(stack.url())
                        .post("/api/users/signup", Map.of("email", email, "password", "password1"))
                        .status())
                .isEqualTo(201);
        String token = new Http(stack.url())
                .post("/api/users/token", Map.of("email", email, "password", "password1"))
                .json()
                .get("accessToken")
                .asString();
        var seller = Http.bearer(stack.url(), token);
        // tickets and orders hold the keys from now on, if not before
        assertThat(seller.get("/api/tickets/mine").status()).isEqualTo(200);
        assertThat(seller.get("/api/orders").status()).isEqualTo(200);

        stack.freeze("auth");
        try {
            Eventually.past(Instant.now().plus(Stack.JWKS_CACHE_TTL).plusSeconds(1));

            // stale keys: these answer at once and start a refresh, which cannot get an answer
            assertThat(seller.get("/api/tickets/mine").status()).isEqualTo(200);
            assertThat(seller.get("/api/orders").status()).isEqualTo(200);
            Eventually.past(Instant.now().plus(Stack.JWKS_TIMEOUT).plusSeconds(1));

            // the refreshes have failed by now, and the keys are still there
            assertThat(seller.get("/api/tickets/mine").status()).isEqualTo(200);
            assertThat(seller.post("/api/tickets", Map.of("title", "listed while auth sleeps", "price", 5))
                            .status())
                    .isEqualTo(201);
            assertThat(seller.get("/api/orders").status()).isEqualTo(200);
            assertThat(stack.frozen("auth")).as("auth was stopped throughout").isTrue();
        } finally {
            stack.thaw("auth");
        }
        stack.awaitReady("auth", Duration.ofSeconds(60));
        assertThat(seller.get("/api/tickets/mine").status()).isEqualTo(200);
    }
}
