package dev.ticketing.auth.users;

import static dev.ticketing.platform.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.ServiceTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed signins count per client address too, whatever the emails. The test client is on the loopback, the
 * trusted edge's place, so the address it forwards in {@code X-Forwarded-For} is the client's.
 */
@ServiceTest
@TestPropertySource(properties = "ticketing.auth.signin-max-failures-per-address=" + SigninThrottleByAddressTest.LIMIT)
class SigninThrottleByAddressTest {

    static final int LIMIT = 3;
    private static final String PASSWORD = "s3cret-password";

    @LocalServerPort
    int port;

    Http http;
    String email;

    @BeforeEach
    void aUser() {
        http = new Http(port);
        email = uniqueEmail();
        assertThat(http.post("/api/users/signup", null, json("email", email, "password", PASSWORD))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void failuresAgainstManyEmailsFromOneAddressAreThrottled() {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(signin(uniqueEmail(), "Spring2026!", "203.0.113.7").status())
                    .isEqualTo(400);
        }

        Http.Response throttled = signin(email, PASSWORD, "203.0.113.7");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw()).isEqualTo("{\"errors\":[{\"message\":\"Too many attempts\"}]}");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
        assertThat(http.post(
                                "/api/users/token",
                                null,
                                json("email", email, "password", PASSWORD),
                                forwardedFor("203.0.113.7"))
                        .status())
                .isEqualTo(429);
        assertThat(signin(email, PASSWORD, "198.51.100.9").status())
                .as("the same user elsewhere")
                .isEqualTo(200);
    }

    @Test
    void aClientCannotTakeAnotherAddressByWritingItsOwnForwardedFor() {
        // a proxy that appends keeps what the client wrote on the left; only the rightmost untrusted hop counts
        for (int i = 0; i < LIMIT; i++) {
            String spoofed = "192.0.2." + (i + 1) + ", 203.0.113.8";
            assertThat(signin(uniqueEmail(), "Spring2026!", spoofed).status()).isEqualTo(400);
        }

        assertThat(signin(email, PASSWORD, "192.0.2.99, 203.0.113.8").status()).isEqualTo(429);
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        for (int i = 0; i < LIMIT; i++) {
            assertThat(signin(uniqueEmail(), "Spring2026!", "2001:db8:1:2::" + (i + 1))
                            .status())
                    .isEqualTo(400);
        }

        assertThat(signin(email, PASSWORD, "2001:db8:1:2:ffff::1").status()).isEqualTo(429);
        assertThat(signin(email, PASSWORD, "2001:db8:1:3::1").status())
                .as("another /64")
                .isEqualTo(200);
    }

    @Test
    void successfulSigninsDoNotCountAgainstTheAddress() {
        for (int i = 0; i < LIMIT + 2; i++) {
            assertThat(signin(email, PASSWORD, "203.0.113.9").status()).isEqualTo(200);
        }
    }

    private Http.Response signin(String email, String password, String forwardedFor) {
        return http.post(
                "/api/users/signin", null, json("email", email, "password", password), forwardedFor(forwardedFor));
    }

    private static Map<String, String> forwardedFor(String value) {
        return Map.of("X-Forwarded-For", value);
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
