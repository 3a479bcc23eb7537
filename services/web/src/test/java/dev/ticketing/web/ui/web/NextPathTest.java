package dev.ticketing.web.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NextPathTest {

    @Test
    void onlyPathsOnThisOriginAreFollowed() {
        assertThat(NextPath.orHome("/orders/1?reserved=1")).isEqualTo("/orders/1?reserved=1");
        assertThat(NextPath.orHome("/")).isEqualTo("/");
        for (String elsewhere : new String[] {
            null,
            "",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil",
            "/ok\r\nSet-Cookie: x=1",
            "/a b"
        }) {
            assertThat(NextPath.orHome(elsewhere)).as(elsewhere).isEqualTo("/");
        }
    }
}
