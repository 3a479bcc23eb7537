package dev.ticketing.web.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    @Test
    void readsWhoAndUntilWhenFromTheClaims() {
        var token = AccessToken.parse(jwt("{\"sub\":\"u-1\",\"email\":\"ada@example.com\",\"exp\":1800000000}"))
                .orElseThrow();

        assertThat(token.viewer()).isEqualTo(new Viewer("u-1", "ada@example.com"));
        assertThat(token.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_800_000_000));
        assertThat(token.expiresWithin(Instant.ofEpochSecond(1_799_999_980), Duration.ofSeconds(30)))
                .isTrue();
        assertThat(token.expiresWithin(Instant.ofEpochSecond(1_799_999_900), Duration.ofSeconds(30)))
                .isFalse();
    }

    @Test
    void anythingElseIsNoToken() {
        for (String raw : new String[] {
            null,
            "",
            "abc",
            "a.b",
            "a.!!!.c",
            jwt("{\"sub\":\"u\"}"),
            jwt("[1]"),
            jwt("{\"sub\":1,\"email\":\"e\",\"exp\":1}"),
            jwt("{\"sub\":\"u\",\"email\":\"e\",\"exp\":\"soon\"}")
        }) {
            assertThat(AccessToken.parse(raw)).as(raw).isEmpty();
        }
    }

    private static String jwt(String claims) {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
