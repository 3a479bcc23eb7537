package dev.ticketing.platform.web.pagination;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class PageTest {

    private static final Function<Integer, Cursor> CURSOR_OF =
            i -> new Cursor(Instant.EPOCH.plusSeconds(i), "item-" + i);

    @Test
    void aShortFetchIsTheLastPage() {
        Page<Integer> page = Page.of(List.of(1, 2, 3), PageRequest.of(3, null), CURSOR_OF);
        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.next()).isEmpty();

        ResponseEntity<List<Integer>> response = page.toResponse("/api/things");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsExactly(1, 2, 3);
        assertThat(response.getHeaders().get(HttpHeaders.LINK)).isNull();
    }

    @Test
    void theExtraRowOnlyAnnouncesTheNextPageAfterTheLastItem() {
        Page<Integer> page = Page.of(List.of(1, 2, 3), PageRequest.of(2, null), CURSOR_OF);
        assertThat(page.items()).containsExactly(1, 2);
        assertThat(page.next()).contains(CURSOR_OF.apply(2));
    }

    @Test
    void theNextLinkIsPathAbsoluteWithTheSameLimit() {
        Page<String> page =
                Page.of(List.of(1, 2, 3), PageRequest.of(2, null), CURSOR_OF).map(i -> "#" + i);
        assertThat(page.items()).containsExactly("#1", "#2");

        ResponseEntity<List<String>> response = page.toResponse("/api/things/mine");
        assertThat(response.getHeaders().getFirst(HttpHeaders.LINK))
                .isEqualTo(
                        "</api/things/mine?limit=2&cursor=" + CURSOR_OF.apply(2).encode() + ">; rel=\"next\"");
        assertThat(response.getBody()).containsExactly("#1", "#2");
    }

    @Test
    void theNextLinkKeepsTheListsOwnParametersFormEncoded() {
        Page<Integer> page = Page.of(List.of(1, 2, 3), PageRequest.of(2, null), CURSOR_OF);

        ResponseEntity<List<Integer>> response =
                page.toResponse("/api/things", java.util.Map.of("q", "rock & roll+1 é"));

        assertThat(response.getHeaders().getFirst(HttpHeaders.LINK))
                .isEqualTo("</api/things?q=rock+%26+roll%2B1+%C3%A9" + "&limit=2&cursor="
                        + CURSOR_OF.apply(2).encode() + ">; rel=\"next\"");
    }

    @Test
    void followingTheLinkDecodesToTheCursorOfTheLastItem() {
        Page<Integer> page = Page.of(List.of(5, 6), PageRequest.of(1, null), CURSOR_OF);
        String link = page.toResponse("/x").getHeaders().getFirst(HttpHeaders.LINK);
        String token = link.substring(link.indexOf("cursor=") + "cursor=".length(), link.indexOf('>'));
        assertThat(PageRequest.of(1, token).after()).contains(CURSOR_OF.apply(5));
    }
}
