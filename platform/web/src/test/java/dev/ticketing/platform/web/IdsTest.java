package dev.ticketing.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class IdsTest {

    @Test
    void parsesCanonicalUuids() {
        UUID id = UUID.randomUUID();
        assertThat(Ids.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void anythingElseIsNotFound() {
        for (String bad : new String[] {null, "", "abc", "1-1-1-1-1", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"}) {
            assertThatThrownBy(() -> Ids.parse(bad))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        }
    }
}
