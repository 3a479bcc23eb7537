package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conventions of docs/api.md that hold for every route: the error body, 404, 400, 413, never HTML. */
@ExtendWith(StackExtension.class)
class ErrorContractTest {

    private final String url = Stack.get().url();

    @Test
    void unknownApiRoutesAreJsonNotFound() {
        for (String path : new String[] {"/api/nope", "/api/users/nope", "/api/tickets/a/b/c"}) {
            var response = new Http(url).get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type").orElse("")).contains("application/json");
            assertThat(response.errorMessages()).containsExactly("Not Found");
        }
    }

    @Test
    void malformedJsonIsABadRequest() {
        var response = new Http(url).postRaw("/api/users/signup", "application/json", "{\"email\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).isNotEmpty();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void bodiesOver64KiBAreRefused() {
        var huge = Map.of("email", "a@b.co", "password", "p".repeat(70 * 1024));
        var response = new Http(url).post("/api/users/signup", huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("errors")).isNotEmpty();
    }

    @Test
    void thePublicOriginServesNoOperationsEndpoints() {
        // the launcher found every service ready (Stack), the edge included: its probe is on its own loopback port
        for (String path : new String[] {"/actuator", "/actuator/health/readiness", "/actuator/prometheus"}) {
            var response = new Http(url).get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type").orElse("")).as(path).contains("application/json");
            assertThat(response.errorMessages()).as(path).containsExactly("Not Found");
        }
    }

    @Test
    void theHomePageIsServed() {
        var home = new Http(url).get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Content-Type").orElse("")).contains("text/html");
        assertThat(home.body()).contains("Ticketing");
    }
}
