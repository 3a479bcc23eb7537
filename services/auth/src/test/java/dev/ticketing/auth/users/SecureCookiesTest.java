package dev.ticketing.auth.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

@ServiceTest
@TestPropertySource(properties = "ticketing.security.cookie-secure=true")
class SecureCookiesTest {

    @LocalServerPort
    int port;

    @Test
    void cookiesAreSecureWhenConfigured() {
        Http.Response response = new Http(port)
                .post("/api/users/signup", null, Http.json("email", "secure@example.com", "password", "password123"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.setCookie("access_token"))
                .hasValueSatisfying(c -> assertThat(c).contains("Secure"));
        assertThat(response.setCookie("refresh_token"))
                .hasValueSatisfying(c -> assertThat(c).contains("Secure"));
    }
}
