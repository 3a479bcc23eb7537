package dev.ticketing.tickets.listing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.Http;
import dev.ticketing.tickets.TicketsServiceTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Text PostgreSQL cannot hold (U+0000, an unpaired surrogate) is the client's error on every tickets route that
 * stores or queries text: a 400 naming the field, never a 500, and nothing written.
 */
class ListingInputHygieneTest extends TicketsServiceTest {

    @Test
    void aNullCharacterInTheTitleOrDescriptionOfANewListingIsRefusedAndNothingIsStored() {
        User seller = newUser();
        long events = count("select count(*) from messaging_outbox");
        Map<String, Map<String, Object>> bodies = Map.of(
                "title", body("title", "Con\u0000cert", "price", 10),
                "description", body("title", "Concert", "price", 10, "description", "Front\u0000row"));
        bodies.forEach((field, body) -> {
            Http.Response response = http.post("/api/tickets", seller.token(), body);
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.errors())
                    .as(field)
                    .containsExactly(Map.of(
                            "message",
                            capitalized(field) + " must not contain the null character (U+0000)",
                            "field",
                            field));
        });
        assertThat(count("select count(*) from listings")).isZero();
        assertThat(count("select count(*) from messaging_outbox")).isEqualTo(events);
    }

    @Test
    void anUnpairedSurrogateInTheTitleIsRefusedWhileAPairedOneIsKept() {
        User seller = newUser();
        // JSON escapes, as a client would send them: a lone high surrogate has no UTF-8 form at all
        Http.Response lone = http.post("/api/tickets", seller.token(), "{\"title\":\"Concert \\ud83c\",\"price\":10}");
        assertThat(lone.status()).isEqualTo(400);
        assertThat(lone.errors())
                .containsExactly(
                        Map.of("message", "Title must not contain an unpaired surrogate (U+D83C)", "field", "title"));
        Http.Response lowFirst =
                http.post("/api/tickets", seller.token(), "{\"title\":\"\\udfb5\\ud83c\",\"price\":10}");
        assertThat(lowFirst.errors())
                .containsExactly(
                        Map.of("message", "Title must not contain an unpaired surrogate (U+DFB5)", "field", "title"));
        assertThat(count("select count(*) from listings")).isZero();

        JsonNode music = createListing(seller, body("title", "Concert \uD83C\uDFB5", "price", 10));
        assertThat(http.get("/api/tickets/" + music.get("id").asString(), null)
                        .body()
                        .get("title")
                        .asString())
                .isEqualTo("Concert \uD83C\uDFB5");
    }

    @Test
    void anEditWithANullCharacterIsRefusedAndTheListingIsUnchanged() {
        User seller = newUser();
        JsonNode listing = createListing(seller, validListing());
        String path = "/api/tickets/" + listing.get("id").asString();

        Http.Response title = http.put(path, seller.token(), body("title", "\u0000", "price", 10));
        Http.Response description =
                http.put(path, seller.token(), body("title", "Concert", "price", 10, "description", "\u0000"));

        assertThat(title.status()).isEqualTo(400);
        assertThat(title.errors())
                .containsExactly(
                        Map.of("message", "Title must not contain the null character (U+0000)", "field", "title"));
        assertThat(description.status()).isEqualTo(400);
        assertThat(description.errors())
                .containsExactly(Map.of(
                        "message", "Description must not contain the null character (U+0000)", "field", "description"));
        assertThat(http.get(path, null).body()).isEqualTo(listing);
        assertThat(count(
                        "select count(*) from messaging_outbox where subject like 'TICKET.updated%' and aggregate_id = '"
                                + listing.get("id").asString() + "'"))
                .isZero();
    }

    @Test
    void theSellerIsStillAskedToSignInFirst() {
        Http.Response response = http.post("/api/tickets", null, body("title", "\u0000", "price", 10));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).containsExactly(Map.of("message", "Not authorized"));
    }

    @Test
    void aNullCharacterInTheSearchIsRefused() {
        Http.Response response = http.get("/api/tickets?q=con%00cert", null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errors())
                .containsExactly(Map.of("message", "q must not contain the null character (U+0000)", "field", "q"));
    }

    @Test
    void aCursorCarryingANullCharacterIsNotOneOfOurs() {
        // well formed ("1:<micros>:<key>") but for a key no e-ticket code can have
        String cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("1:1795000000000000:code\u0000x".getBytes(StandardCharsets.UTF_8));
        for (String path : new String[] {"/api/tickets/purchased", "/api/tickets/mine", "/api/tickets"}) {
            Http.Response response =
                    http.get(path + "?cursor=" + cursor, newUser().token());
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.errors())
                    .as(path)
                    .containsExactly(Map.of("message", "Invalid cursor", "field", "cursor"));
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String capitalized(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
