package dev.ticketing.platform.web.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.web.ApiError;
import dev.ticketing.platform.web.ApiException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class CursorTest {

    @Test
    void roundTripsWithMicrosecondPrecision() {
        Cursor cursor = new Cursor(
                Instant.parse("2026-11-21T10:00:00.123456Z"), UUID.randomUUID().toString());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain(cursor.key());
    }

    @Test
    void roundTripsAKeyThatIsNotAUuid() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-21T10:00:00Z"), "TK-ABC:123");
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void aUuidKeyedCursorGivesItsUuidBack() {
        UUID id = UUID.randomUUID();
        assertThat(Cursor.decode(Cursor.of(Instant.EPOCH, id).encode()).uuidKey())
                .isEqualTo(id);
    }

    @Test
    void garbageIsABadRequestOnTheCursorField() {
        // "MTpub3QtYS1udW1iZXI6eA" is "1:not-a-number:x"; "MToxMjM6" is "1:123:" (no key)
        for (String bad : new String[] {"%%%", "abc", Cursor.class.getName(), "MTpub3QtYS1udW1iZXI6eA", "MToxMjM6"}) {
            assertThatThrownBy(() -> Cursor.decode(bad)).as(bad).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(e.errors()).containsExactly(new ApiError("Invalid cursor", "cursor"));
            });
        }
    }

    @Test
    void aKeyTheDatabaseCouldNotStoreIsNotOneOfOurs() {
        String token = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("1:123:code\u0000x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Cursor.decode(token))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors()).containsExactly(new ApiError("Invalid cursor", "cursor")));
    }

    @Test
    void aKeyThatIsNotAUuidIsABadRequestWhereAUuidIsExpected() {
        // "MToxMjM6bm90LWEtdXVpZA" is "1:123:not-a-uuid": well formed, but not a position in a UUID-keyed list
        Cursor cursor = Cursor.decode("MToxMjM6bm90LWEtdXVpZA");
        assertThatThrownBy(cursor::uuidKey).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.errors()).containsExactly(new ApiError("Invalid cursor", "cursor"));
        });
    }

    @Test
    void aTimeBeyondALongIsABadRequest() {
        String token = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("1:" + Long.MAX_VALUE + "0:x").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Cursor.decode(token)).isInstanceOf(ApiException.class);
    }
}
