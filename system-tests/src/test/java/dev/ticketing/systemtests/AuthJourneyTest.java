package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every row of docs/api.md's auth table, through the public origin. */
@ExtendWith(StackExtension.class)
class AuthJourneyTest {

    private final String url = Stack.get().url();

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void signupCreatesTheUserAndSignsItIn() {
        var alice = new Http(url);
        String email = uniqueEmail();
        var response = alice.post("/api/users/signup", Map.of("email", email, "password", "correct horse"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("email").asString()).isEqualTo(email);
        assertThat(response.json().get("id").asString()).isNotBlank();
        assertThat(response.json().has("password")).isFalse();
        assertThat(response.headers("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("access_token=")
                        .containsIgnoringCase("HttpOnly")
                        .containsIgnoringCase("SameSite=Lax"));
        assertThat(response.headers("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("refresh_token=").containsIgnoringCase("HttpOnly"));

        var current = alice.get("/api/users/currentuser");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("currentUser").get("email").asString()).isEqualTo(email);
        assertThat(current.json().get("currentUser").get("id").asString())
                .isEqualTo(response.json().get("id").asString());
    }

    @Test
    void signupValidatesEmailAndPasswordWithTheContractMessages() {
        var http = new Http(url);
        var badEmail = http.post("/api/users/signup", Map.of("email", "alskdflaskjfd", "password", "password"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.errorMessages()).containsExactly("Email must be valid");
        assertThat(badEmail.errorFields()).containsExactly("email");

        var shortPassword = http.post("/api/users/signup", Map.of("email", uniqueEmail(), "password", "p"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.errorMessages()).containsExactly("Password must be between 8 and 128 characters");
        assertThat(shortPassword.errorFields()).containsExactly("password");

        var longPassword = http.post("/api/users/signup", Map.of("email", uniqueEmail(), "password", "x".repeat(129)));
        assertThat(longPassword.status()).isEqualTo(400);

        var missingBoth = http.post("/api/users/signup", Map.of());
        assertThat(missingBoth.status()).isEqualTo(400);
        assertThat(missingBoth.errorFields()).containsExactlyInAnyOrder("email", "password");
    }

    @Test
    void anEmailCanBeUsedOnceWhateverItsCase() {
        String email = uniqueEmail();
        assertThat(new Http(url)
                        .post("/api/users/signup", Map.of("email", email, "password", "password1"))
                        .status())
                .isEqualTo(201);
        var again =
                new Http(url).post("/api/users/signup", Map.of("email", email.toUpperCase(), "password", "password1"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorMessages()).containsExactly("Email in use");
    }

    @Test
    void signinAcceptsTheRightPasswordAndRejectsWrongOnesAlike() {
        String email = uniqueEmail();
        new Http(url).post("/api/users/signup", Map.of("email", email, "password", "password1"));

        var bob = new Http(url);
        var ok = bob.post("/api/users/signin", Map.of("email", email, "password", "password1"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("email").asString()).isEqualTo(email);
        assertThat(bob.cookie("access_token")).isPresent();

        var wrongPassword =
                new Http(url).post("/api/users/signin", Map.of("email", email, "password", "aslkdfjalskdfj"));
        var unknownEmail =
                new Http(url).post("/api/users/signin", Map.of("email", uniqueEmail(), "password", "password1"));
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(unknownEmail.status()).isEqualTo(400);
        assertThat(wrongPassword.errorMessages()).containsExactly("Invalid credentials");
        assertThat(unknownEmail.errorMessages()).containsExactly("Invalid credentials");

        var noPassword = new Http(url).post("/api/users/signin", Map.of("email", email, "password", ""));
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.errorMessages()).containsExactly("You must supply a password");
    }

    @Test
    void repeatedFailedSigninsAreThrottled() {
        String email = uniqueEmail();
        new Http(url).post("/api/users/signup", Map.of("email", email, "password", "password1"));
        for (int i = 0; i < 5; i++) {
            assertThat(new Http(url)
                            .post("/api/users/signin", Map.of("email", email, "password", "wrong-" + i))
                            .status())
                    .isEqualTo(400);
        }
        var throttled = new Http(url).post("/api/users/signin", Map.of("email", email, "password", "password1"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isPresent();
        assertThat(throttled.json().get("errors")).isNotEmpty();
    }

    @Test
    void currentUserIsNullWithoutAToken() {
        var response = new Http(url).get("/api/users/currentuser");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("currentUser").isNull()).isTrue();
    }

    @Test
    void signoutClearsTheCookiesAndEndsTheRefreshFamily() {
        var carol = new Http(url);
        carol.post("/api/users/signup", Map.of("email", uniqueEmail(), "password", "password1"));
        String refresh = carol.cookie("refresh_token").orElseThrow();

        var signout = carol.post("/api/users/signout", Map.of());
        assertThat(signout.status()).isEqualTo(200);
        assertThat(signout.json().isEmpty()).isTrue();
        assertThat(signout.headers("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("access_token=").containsIgnoringCase("Max-Age=0"));
        assertThat(carol.get("/api/users/currentuser").json().get("currentUser").isNull())
                .isTrue();

        var reuse = new Http(url).post("/api/users/refresh", Map.of("refreshToken", refresh));
        assertThat(reuse.status()).isEqualTo(401);
    }

    @Test
    void refreshRotatesAndTheReuseOfAnOldTokenRevokesTheFamily() {
        var dave = new Http(url);
        dave.post("/api/users/signup", Map.of("email", uniqueEmail(), "password", "password1"));
        String first = dave.cookie("refresh_token").orElseThrow();

        var rotated = dave.post("/api/users/refresh", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("email").asString()).isNotBlank();
        String second = dave.cookie("refresh_token").orElseThrow();
        assertThat(second).isNotEqualTo(first);

        var reuse = new Http(url).post("/api/users/refresh", Map.of("refreshToken", first));
        assertThat(reuse.status()).isEqualTo(401);
        var afterTheft = new Http(url).post("/api/users/refresh", Map.of("refreshToken", second));
        assertThat(afterTheft.status())
                .as("the whole family is revoked after a reuse")
                .isEqualTo(401);
    }

    @Test
    void apiClientsGetBearerTokensFromTheTokenEndpoint() {
        String email = uniqueEmail();
        new Http(url).post("/api/users/signup", Map.of("email", email, "password", "password1"));

        var tokens = new Http(url).post("/api/users/token", Map.of("email", email, "password", "password1"));
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(tokens.json().get("expiresIn").asInt()).isPositive();
        assertThat(tokens.json().get("refreshToken").asString()).isNotBlank();
        String access = tokens.json().get("accessToken").asString();

        var me = Http.bearer(url, access).get("/api/users/currentuser");
        assertThat(me.json().get("currentUser").get("email").asString()).isEqualTo(email);
        assertThat(Http.bearer(url, access).get("/api/tickets/mine").status()).isEqualTo(200);

        var wrong = new Http(url).post("/api/users/token", Map.of("email", email, "password", "nope-nope"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorMessages()).containsExactly("Invalid credentials");
    }

    @Test
    void theJwksPublishesPublicKeysOnly() {
        var jwks = new Http(url).get("/api/users/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys")).isNotEmpty();
        jwks.json().get("keys").forEach(key -> {
            assertThat(key.get("kid").asString()).isNotBlank();
            assertThat(key.has("d")).as("no private key material").isFalse();
        });
    }
}
