package dev.ticketing.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.orders.OrdersServiceTest;
import dev.ticketing.platform.test.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Text PostgreSQL cannot hold (U+0000, an unpaired surrogate) in what {@code POST /api/orders} stores — the
 * ticket id, the {@code Idempotency-Key} and {@code X-Fault-Injection} headers — is a 400 naming the field, never
 * a 500, and no order, reservation or idempotency record is written. Headers cannot carry a NUL at all (HTTP
 * forbids control characters in them; the server refuses the request before the application runs). Faults are
 * enabled so that the fault header is read and stored at all.
 */
@TestPropertySource(properties = "ticketing.faults-enabled=true")
class OrderInputHygieneTest extends OrdersServiceTest {

    @Test
    void aNullCharacterOrUnpairedSurrogateInTheTicketIdIsRefused() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 5);

        Http.Response nul = http.post("/api/orders", buyer.token(), body("ticketId", listing + "\u0000"));
        Http.Response surrogate = http.post("/api/orders", buyer.token(), "{\"ticketId\":\"" + listing + "\\ud800\"}");

        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.errors())
                .containsExactly(Map.of(
                        "message", "TicketId must not contain the null character (U+0000)", "field", "ticketId"));
        assertThat(surrogate.status()).isEqualTo(400);
        assertThat(surrogate.errors())
                .containsExactly(Map.of(
                        "message", "TicketId must not contain an unpaired surrogate (U+D800)", "field", "ticketId"));
        assertNothingStored(listing);
    }

    @Test
    void aNullCharacterInTheIdempotencyKeyIsRefused() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 5);

        Http.Response response = http.raw(
                "POST",
                "/api/orders",
                buyer.token(),
                Map.of("Idempotency-Key", "key\u0000one"),
                body("ticketId", listing));

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.errors())
                .containsExactly(Map.of(
                        "message", "Idempotency-Key must not contain control characters", "field", "Idempotency-Key"));
        assertNothingStored(listing);
    }

    @Test
    void aNullCharacterInTheFaultInjectionHeaderIsRefused() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 5);

        Http.Response response = http.raw(
                "POST",
                "/api/orders",
                buyer.token(),
                Map.of("X-Fault-Injection", "payment=fail\u0000"),
                body("ticketId", listing));

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.errors())
                .containsExactly(Map.of(
                        "message", "X-Fault-Injection must not contain control characters",
                        "field", "X-Fault-Injection"));
        assertNothingStored(listing);
    }

    @Test
    void theHeaderIsNamedTheSameWhateverCaseTheClientSentItIn() {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 5);

        Http.Response response = http.raw(
                "POST", "/api/orders", buyer.token(), Map.of("idempotency-KEY", "\u0000"), body("ticketId", listing));

        assertThat(response.errors())
                .containsExactly(Map.of(
                        "message", "Idempotency-Key must not contain control characters", "field", "Idempotency-Key"));
    }

    @Test
    void theBuyerIsStillAskedToSignInFirst() {
        Http.Response response = http.post("/api/orders", null, body("ticketId", "\u0000"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).containsExactly(Map.of("message", "Not authorized"));
    }

    private void assertNothingStored(String listing) {
        assertThat(count("select count(*) from orders")).isZero();
        assertThat(count("select count(*) from idempotency_keys")).isZero();
        assertThat(counters(listing)).containsExactly(0, 0);
    }
}
