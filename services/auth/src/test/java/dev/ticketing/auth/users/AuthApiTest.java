package dev.ticketing.auth.users;

import static dev.ticketing.platform.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.auth.users.domain.PasswordHasher;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ServiceTest
class AuthApiTest {

    private static final String PASSWORD = "s3cret-password";
    private static final String NOT_AUTHORIZED = "{\"errors\":[{\"message\":\"Not authorized\"}]}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    // --- signup -------------------------------------------------------------------------------------------

    @Test
    void signupCreatesTheUserAndSetsBothCookies() {
        String email = uniqueEmail();
        Http.Response response = signup(email, PASSWORD);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("email").asString()).isEqualTo(email);
        assertThat(UUID.fromString(response.body().get("id").asString())).isNotNull();
        assertThat(response.setCookie("access_token"))
                .hasValueSatisfying(c -> assertThat(c)
                        .contains("Path=/;")
                        .contains("Max-Age=900")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax")
                        .doesNotContain("Secure"));
        assertThat(response.setCookie("refresh_token"))
                .hasValueSatisfying(c -> assertThat(c)
                        .contains("Path=/;")
                        .contains("Max-Age=2592000")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));

        JsonNode current = http.get(
                        "/api/users/currentuser", null, cookie("access_token", response.cookie("access_token")))
                .body()
                .get("currentUser");
        assertThat(current.get("id").asString())
                .isEqualTo(response.body().get("id").asString());
        assertThat(current.get("email").asString()).isEqualTo(email);
    }

    @Test
    void signupRejectsAnInvalidEmail() {
        Http.Response response = signup("not-an-email", PASSWORD);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw())
                .isEqualTo("{\"errors\":[{\"message\":\"Email must be valid\",\"field\":\"email\"}]}");
    }

    @Test
    void emailNeedsADomainWithATopLevelDomainAndNoSpaces() {
        for (String email : List.of("test@test", "a@b.c", "a b@example.com", "a@exa mple.com", "a@.com", "a@b.co.")) {
            Http.Response response = signup(email, PASSWORD);
            assertThat(response.status()).as(email).isEqualTo(400);
            assertThat(response.raw())
                    .as(email)
                    .isEqualTo("{\"errors\":[{\"message\":\"Email must be valid\",\"field\":\"email\"}]}");
        }
        assertThat(http.post("/api/users/signin", null, "{\"email\":\"test@test\",\"password\":\"whatever1\"}")
                        .raw())
                .isEqualTo("{\"errors\":[{\"message\":\"Email must be valid\",\"field\":\"email\"}]}");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        assertThat(signup("a" + unique + "@b.co", PASSWORD).status()).isEqualTo(201);
        assertThat(signup("u" + unique + "@mail.example.museum", PASSWORD).status())
                .isEqualTo(201);
    }

    @Test
    void signupRejectsAShortPassword() {
        Http.Response response = signup(uniqueEmail(), "short");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw())
                .isEqualTo(
                        "{\"errors\":[{\"message\":\"Password must be between 8 and 128 characters\",\"field\":\"password\"}]}");
    }

    @Test
    void signupRejectsALongPassword() {
        assertThat(signup(uniqueEmail(), "x".repeat(129)).status()).isEqualTo(400);
        assertThat(signup(uniqueEmail(), "x".repeat(128)).status()).isEqualTo(201);
    }

    @Test
    void signupReportsEachMissingField() {
        Http.Response response = http.post("/api/users/signup", null, "{}");
        assertThat(response.status()).isEqualTo(400);
        JsonNode errors = response.body().get("errors");
        assertThat(errors).hasSize(2);
        List<String> entries = new ArrayList<>();
        errors.forEach(e ->
                entries.add(e.get("field").asString() + ": " + e.get("message").asString()));
        assertThat(entries)
                .containsExactlyInAnyOrder(
                        "email: Email must be valid", "password: Password must be between 8 and 128 characters");
    }

    @Test
    void signupWithMalformedJsonIs400() {
        assertThat(http.post("/api/users/signup", null, "{\"email\":").status()).isEqualTo(400);
    }

    @Test
    void duplicateEmailIsRejectedCaseInsensitively() {
        String email = uniqueEmail();
        assertThat(signup(email, PASSWORD).status()).isEqualTo(201);

        Http.Response again = signup(email.toUpperCase(), PASSWORD);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.raw()).isEqualTo("{\"errors\":[{\"message\":\"Email in use\"}]}");
        assertThat(jdbc.sql("select count(*) from users where lower(email) = lower(:e)")
                        .param("e", email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void concurrentDuplicateSignupsCreateExactlyOneUser() throws Exception {
        String email = uniqueEmail();
        int threads = 10;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String variant = i % 2 == 0 ? email : email.toUpperCase();
                Callable<Http.Response> call = () -> {
                    start.await();
                    return signup(variant, PASSWORD);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> result : results) {
                responses.add(result.get());
            }
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses)
                    .filteredOn(r -> r.status() == 400)
                    .hasSize(threads - 1)
                    .allSatisfy(r -> assertThat(r.raw()).contains("Email in use"));
        }
        assertThat(jdbc.sql("select count(*) from users where lower(email) = lower(:e)")
                        .param("e", email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // either case variant may have won the race, and the event carries the email as it was typed
        assertThat(jdbc.sql(
                                "select count(*) from messaging_outbox where headers->>'event-type' = 'USER.created' and payload ilike :e")
                        .param("e", "%" + email.substring(0, email.indexOf('@')) + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void storedHashIsArgon2idWithAtLeastTheMinimumParameters() {
        String email = uniqueEmail();
        signup(email, PASSWORD);
        String stored = jdbc.sql("select password_hash from users where email = :e")
                .param("e", email)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("$argon2id$v=19$").doesNotContain(PASSWORD);
        PasswordHasher.Parameters parameters =
                PasswordHasher.parametersOf(stored).orElseThrow();
        assertThat(parameters.memoryKiB()).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(parameters.iterations()).isGreaterThanOrEqualTo(2);
        assertThat(parameters.parallelism()).isGreaterThanOrEqualTo(1);
    }

    // --- signin -------------------------------------------------------------------------------------------

    @Test
    void signinWithTheRightPasswordSetsCookies() {
        String email = uniqueEmail();
        String id = signup(email, PASSWORD).body().get("id").asString();

        Http.Response response = signin(email.toUpperCase(), PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("id").asString()).isEqualTo(id);
        assertThat(response.body().get("email").asString()).isEqualTo(email);
        assertThat(response.setCookie("access_token")).isPresent();
        assertThat(response.setCookie("refresh_token")).isPresent();
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        String email = uniqueEmail();
        signup(email, PASSWORD);

        Http.Response wrongPassword = signin(email, "wrong-password");
        Http.Response unknownEmail = signin(uniqueEmail(), PASSWORD);

        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(unknownEmail.status()).isEqualTo(400);
        assertThat(wrongPassword.raw()).isEqualTo("{\"errors\":[{\"message\":\"Invalid credentials\"}]}");
        assertThat(unknownEmail.raw()).isEqualTo(wrongPassword.raw());
        assertThat(wrongPassword.setCookies()).isEmpty();
    }

    @Test
    void signinRequiresAPasswordAndAValidEmail() {
        Http.Response response = http.post("/api/users/signin", null, json("email", "bad"));
        assertThat(response.status()).isEqualTo(400);
        List<String> entries = new ArrayList<>();
        response.body()
                .get("errors")
                .forEach(e -> entries.add(
                        e.get("field").asString() + ": " + e.get("message").asString()));
        assertThat(entries)
                .containsExactlyInAnyOrder("email: Email must be valid", "password: You must supply a password");
    }

    @Test
    void fiveFailuresWithinAMinuteThrottleThatEmailOnly() {
        String email = uniqueEmail();
        String other = uniqueEmail();
        signup(email, PASSWORD);
        signup(other, PASSWORD);

        for (int i = 0; i < 5; i++) {
            assertThat(signin(i % 2 == 0 ? email : email.toUpperCase(), "wrong-password")
                            .status())
                    .isEqualTo(400);
        }
        Http.Response throttled = signin(email, PASSWORD);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw()).isEqualTo("{\"errors\":[{\"message\":\"Too many attempts\"}]}");
        assertThat(throttled.header("Retry-After"))
                .isNotNull()
                .satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(http.post("/api/users/token", null, json("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(429);
        assertThat(signin(other, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void successfulSigninsDoNotCountAsFailures() {
        String email = uniqueEmail();
        signup(email, PASSWORD);
        for (int i = 0; i < 6; i++) {
            assertThat(signin(email, PASSWORD).status()).isEqualTo(200);
        }
    }

    // --- currentuser --------------------------------------------------------------------------------------

    @Test
    void currentUserIsNullWithoutAToken() {
        Http.Response response = http.get("/api/users/currentuser", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).isEqualTo("{\"currentUser\":null}");
    }

    @Test
    void currentUserIsNullWithATamperedToken() {
        String token = signup(uniqueEmail(), PASSWORD).cookie("access_token");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        Http.Response viaCookie = http.get("/api/users/currentuser", null, cookie("access_token", tampered));
        Http.Response viaHeader = http.get("/api/users/currentuser", tampered);

        assertThat(viaCookie.status()).isEqualTo(200);
        assertThat(viaCookie.raw()).isEqualTo("{\"currentUser\":null}");
        assertThat(viaHeader.raw()).isEqualTo("{\"currentUser\":null}");
    }

    @Test
    void currentUserAcceptsABearerToken() {
        String email = uniqueEmail();
        String token = signup(email, PASSWORD).cookie("access_token");
        JsonNode current = http.get("/api/users/currentuser", token).body();
        assertThat(current.get("currentUser").get("email").asString()).isEqualTo(email);
    }

    // --- signout ------------------------------------------------------------------------------------------

    @Test
    void signoutClearsBothCookiesAndRevokesTheRefreshFamily() {
        Http.Response signedUp = signup(uniqueEmail(), PASSWORD);
        String refresh = signedUp.cookie("refresh_token");

        Http.Response response = http.postEmpty("/api/users/signout", null, cookie("refresh_token", refresh));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).isEqualTo("{}");
        assertThat(response.setCookie("access_token"))
                .hasValueSatisfying(c -> assertThat(c)
                        .startsWith("access_token=;")
                        .contains("Max-Age=0")
                        .contains("Path=/;"));
        assertThat(response.setCookie("refresh_token"))
                .hasValueSatisfying(c -> assertThat(c)
                        .startsWith("refresh_token=;")
                        .contains("Max-Age=0")
                        .contains("Path=/;"));
        assertThat(http.postEmpty("/api/users/refresh", null, cookie("refresh_token", refresh))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void signoutWithoutCookiesStillSucceeds() {
        Http.Response response = http.postEmpty("/api/users/signout", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw()).isEqualTo("{}");
        assertThat(response.setCookies()).hasSize(2);
    }

    // --- refresh ------------------------------------------------------------------------------------------

    @Test
    void refreshRotatesTheTokenAndIssuesNewCookies() {
        String email = uniqueEmail();
        Http.Response signedUp = signup(email, PASSWORD);
        String first = signedUp.cookie("refresh_token");

        Http.Response refreshed = http.postEmpty("/api/users/refresh", null, cookie("refresh_token", first));

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().get("email").asString()).isEqualTo(email);
        assertThat(refreshed.body().get("id").asString())
                .isEqualTo(signedUp.body().get("id").asString());
        String second = refreshed.cookie("refresh_token");
        assertThat(second).isNotEqualTo(first);
        String access = refreshed.cookie("access_token");
        assertThat(http.get("/api/users/currentuser", null, cookie("access_token", access))
                        .body()
                        .get("currentUser")
                        .get("email")
                        .asString())
                .isEqualTo(email);

        Http.Response third = http.postEmpty("/api/users/refresh", null, cookie("refresh_token", second));
        assertThat(third.status()).isEqualTo(200);
    }

    @Test
    void reusingARotatedTokenIs401AndRevokesTheWholeFamily() {
        String first = signup(uniqueEmail(), PASSWORD).cookie("refresh_token");
        String second = http.postEmpty("/api/users/refresh", null, cookie("refresh_token", first))
                .cookie("refresh_token");

        Http.Response reuse = http.postEmpty("/api/users/refresh", null, cookie("refresh_token", first));

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.raw()).isEqualTo(NOT_AUTHORIZED);
        assertThat(http.postEmpty("/api/users/refresh", null, cookie("refresh_token", second))
                        .status())
                .as("the current token of a family where reuse was detected")
                .isEqualTo(401);
    }

    @Test
    void refreshAcceptsTheTokenInTheBody() {
        String refresh = signup(uniqueEmail(), PASSWORD).cookie("refresh_token");
        Http.Response response = http.post("/api/users/refresh", null, json("refreshToken", refresh));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.setCookie("refresh_token")).isPresent();
    }

    @Test
    void refreshWithoutOrWithAnUnknownTokenIs401() {
        assertThat(http.postEmpty("/api/users/refresh", null).raw()).isEqualTo(NOT_AUTHORIZED);
        assertThat(http.postEmpty("/api/users/refresh", null).status()).isEqualTo(401);
        assertThat(http.post("/api/users/refresh", null, json("refreshToken", "made-up"))
                        .status())
                .isEqualTo(401);
    }

    // --- token --------------------------------------------------------------------------------------------

    @Test
    void tokenReturnsBothTokensInTheBody() {
        String email = uniqueEmail();
        signup(email, PASSWORD);

        Http.Response response = http.post("/api/users/token", null, json("email", email, "password", PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asInt()).isEqualTo(900);
        assertThat(response.setCookies()).isEmpty();
        String access = body.get("accessToken").asString();
        assertThat(http.get("/api/users/currentuser", access)
                        .body()
                        .get("currentUser")
                        .get("email")
                        .asString())
                .isEqualTo(email);
        assertThat(http.post(
                                "/api/users/refresh",
                                null,
                                json("refreshToken", body.get("refreshToken").asString()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void tokenFailsLikeSignin() {
        String email = uniqueEmail();
        signup(email, PASSWORD);
        Http.Response wrong = http.post("/api/users/token", null, json("email", email, "password", "nope-nope"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.raw()).isEqualTo("{\"errors\":[{\"message\":\"Invalid credentials\"}]}");
        Http.Response invalid = http.post("/api/users/token", null, json("email", email));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.raw()).contains("You must supply a password");
    }

    // --- JWKS and operations ------------------------------------------------------------------------------

    @Test
    void jwksPublishesThePublicKeyWithAKid() {
        Http.Response response = http.get("/api/users/.well-known/jwks.json", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode keys = response.body().get("keys");
        assertThat(keys).hasSize(1);
        JsonNode key = keys.get(0);
        assertThat(key.get("kid").asString()).isNotBlank();
        assertThat(key.get("kty").asString()).isEqualTo("EC");
        assertThat(key.get("crv").asString()).isEqualTo("P-256");
        assertThat(key.has("d")).isFalse();
        assertThat(response.raw()).doesNotContain("\"d\"");

        String token = signup(uniqueEmail(), PASSWORD).cookie("access_token");
        String header = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(header)
                .contains("\"kid\":\"" + key.get("kid").asString() + "\"")
                .contains("\"typ\":\"at+jwt\"")
                .contains("\"alg\":\"ES256\"");
    }

    // --- routing (the platform's conventions, through this service's security filter chain) -------------------

    @Test
    void aTrailingSlashIsTheSameRoute() {
        Http.Response response =
                http.post("/api/users/signup/", null, json("email", uniqueEmail(), "password", PASSWORD));
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(http.get("/api/users/currentuser/", null).raw()).isEqualTo("{\"currentUser\":null}");
    }

    @Test
    void aMethodTheRouteDoesNotServeIsNotFound() {
        Http.Response response = http.get("/api/users/signup", null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw()).isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
    }

    @Test
    void probesMetricsAndApiDocsAreExposed() {
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(200);
        Http.Response docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.raw()).contains("/api/users/signup");
    }

    /** A {@code Cookie} request header with one cookie. */
    private static Map<String, String> cookie(String name, String value) {
        return Map.of("Cookie", name + "=" + value);
    }

    private Http.Response signup(String email, String password) {
        return http.post("/api/users/signup", null, json("email", email, "password", password));
    }

    private Http.Response signin(String email, String password) {
        return http.post("/api/users/signin", null, json("email", email, "password", password));
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
