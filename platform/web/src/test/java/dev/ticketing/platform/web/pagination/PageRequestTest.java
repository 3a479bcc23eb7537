package dev.ticketing.platform.web.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.web.ApiException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void defaultsToFiftyItemsFromTheStart() {
        PageRequest request = PageRequest.of(null, null);
        assertThat(request.limit()).isEqualTo(50);
        assertThat(request.after()).isEmpty();
        assertThat(PageRequest.of(null, "").after()).isEmpty();
    }

    @Test
    void fetchesOneMoreRowThanThePage() {
        assertThat(PageRequest.of(7, null).fetchSize()).isEqualTo(8);
    }

    @Test
    void decodesTheCursor() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-21T10:00:00Z"), "k");
        assertThat(PageRequest.of(200, cursor.encode())).isEqualTo(new PageRequest(200, java.util.Optional.of(cursor)));
    }

    @Test
    void aBadCursorIsTheClientsError() {
        assertThatThrownBy(() -> PageRequest.of(10, "nonsense")).isInstanceOf(ApiException.class);
    }

    @Test
    void aLimitOutOfRangeIsABugBecauseControllersValidateIt() {
        assertThatThrownBy(() -> PageRequest.of(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.of(201, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PageRequest.LIMIT_MESSAGE).isEqualTo("limit must be between 1 and 200");
    }
}
