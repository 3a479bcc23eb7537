package dev.ticketing.auth.users;

import static dev.ticketing.platform.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.ServiceTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Text PostgreSQL cannot hold (U+0000, an unpaired surrogate) in an email or a password is a 400 naming the
 * field on signup, signin and token, never a 500, and no user or signin attempt is written. Emails are stored;
 * passwords are only hashed, but a password with an unpaired surrogate has no UTF-8 form to hash (two different
 * ones would hash alike), so the same rule holds for both.
 */
@ServiceTest
class AuthInputHygieneTest {

    private static final String PASSWORD = "s3cret-password";
    private static final List<String> ROUTES = List.of("/api/users/signup", "/api/users/signin", "/api/users/token");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;
    long usersBefore;
    long attemptsBefore;

    @BeforeEach
    void clientAndCounts() {
        http = new Http(port);
        usersBefore = count("users");
        attemptsBefore = count("signin_attempts");
    }

    @Test
    void aNullCharacterInTheEmailIsRefusedOnEveryRoute() {
        // the second passes every email rule there is: a quoted local part may hold an escaped NUL (RFC 5321)
        for (String email : List.of(
                "a\u0000b-" + UUID.randomUUID() + "@example.com",
                "\"\\\u0000\"-" + UUID.randomUUID() + "@example.com")) {
            for (String route : ROUTES) {
                assertRefused(
                        http.post(route, null, json("email", email, "password", PASSWORD)),
                        "Email must not contain the null character (U+0000)",
                        "email");
            }
        }
        assertNothingStored();
    }

    @Test
    void anUnpairedSurrogateInTheEmailIsRefused() {
        for (String route : ROUTES) {
            String body =
                    "{\"email\":\"z\\udbff-" + UUID.randomUUID() + "@example.com\",\"password\":\"" + PASSWORD + "\"}";
            assertRefused(
                    http.post(route, null, body), "Email must not contain an unpaired surrogate (U+DBFF)", "email");
        }
        assertNothingStored();
    }

    @Test
    void aPasswordWithANullCharacterOrAnUnpairedSurrogateIsRefused() {
        for (String route : ROUTES) {
            String email = UUID.randomUUID() + "@example.com";
            assertRefused(
                    http.post(route, null, json("email", email, "password", "pass\u0000word")),
                    "Password must not contain the null character (U+0000)",
                    "password");
            assertRefused(
                    http.post(route, null, "{\"email\":\"" + email + "\",\"password\":\"password\\ud800\"}"),
                    "Password must not contain an unpaired surrogate (U+D800)",
                    "password");
        }
        assertNothingStored();
    }

    @Test
    void aPasswordWithCharactersOutsideTheBasicPlaneIsFine() {
        String email = UUID.randomUUID() + "@example.com";
        String password = "\uD83C\uDFB5 correct horse \uD83C\uDFB5";
        assertThat(http.post("/api/users/signup", null, json("email", email, "password", password))
                        .status())
                .isEqualTo(201);
        assertThat(http.post("/api/users/signin", null, json("email", email, "password", password))
                        .status())
                .isEqualTo(200);
    }

    private void assertRefused(Http.Response response, String message, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.errors()).containsExactly(Map.of("message", message, "field", field));
        assertThat(response.setCookies()).isEmpty();
    }

    private void assertNothingStored() {
        assertThat(count("users")).isEqualTo(usersBefore);
        assertThat(count("signin_attempts")).isEqualTo(attemptsBefore);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
