package dev.ticketing.tickets.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.web.ApiException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class CursorTest {

    @Test
    void roundTripsWithMicrosecondPrecision() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-21T10:00:00.123456Z"), UUID.randomUUID().toString());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain(cursor.key());
    }

    @Test
    void garbageIsABadRequestOnTheCursorField() {
        for (String bad : new String[] {"%%%", "abc", Cursor.class.getName(), "MTpub3QtYS1udW1iZXI6eA"}) {
            assertThatThrownBy(() -> Cursor.decode(bad)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(e.errors().getFirst().field()).isEqualTo("cursor");
            });
        }
    }
}
