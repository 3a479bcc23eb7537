package dev.ticketing.payments.payment;

import static dev.ticketing.platform.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.payments.Fixture;
import dev.ticketing.payments.Fixture.User;
import dev.ticketing.payments.PaymentsServiceTest;
import dev.ticketing.platform.test.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text PostgreSQL cannot hold (U+0000, an unpaired surrogate) in what {@code POST /api/payments} reads — the
 * order id, the token and the {@code Idempotency-Key} header — is a 400 naming the field, never a 500, and the
 * wallet, the ledger and the payments are untouched.
 */
class PaymentInputHygieneTest extends PaymentsServiceTest {

    @Test
    void aNullCharacterInTheOrderIdIsRefusedAndNothingIsCharged() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "20");

        Http.Response response = http.post("/api/payments", buyer.bearer(), json("orderId", orderId + "\u0000x"));

        assertRefused(response, "OrderId must not contain the null character (U+0000)", "orderId");
        assertNothingCharged(buyer, orderId);
    }

    @Test
    void anUnpairedSurrogateInTheOrderIdIsRefused() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "20");

        Http.Response response = http.post("/api/payments", buyer.bearer(), "{\"orderId\":\"\\ud800" + orderId + "\"}");

        assertRefused(response, "OrderId must not contain an unpaired surrogate (U+D800)", "orderId");
        assertNothingCharged(buyer, orderId);
    }

    @Test
    void aNullCharacterInTheTokenIsRefused() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "20");

        Http.Response response =
                http.post("/api/payments", buyer.bearer(), json("orderId", orderId, "token", "tok\u0000"));

        assertRefused(response, "Token must not contain the null character (U+0000)", "token");
        assertNothingCharged(buyer, orderId);
    }

    @Test
    void aControlCharacterInTheIdempotencyKeyIsRefused() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "20");

        Http.Response response = http.raw(
                "POST",
                "/api/payments",
                buyer.bearer(),
                Map.of("Idempotency-Key", "key\u0000"),
                json("orderId", orderId));

        assertRefused(response, "Idempotency-Key must not contain control characters", "Idempotency-Key");
        assertNothingCharged(buyer, orderId);
        assertThat(jdbc.sql("select count(*) from idempotency_keys")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theBuyerIsStillAskedToSignInFirst() {
        Http.Response response = http.post("/api/payments", null, json("orderId", "\u0000"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errors()).containsExactly(Map.of("message", "Not authorized"));
    }

    private static void assertRefused(Http.Response response, String message, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.errors()).containsExactly(Map.of("message", message, "field", field));
    }

    private void assertNothingCharged(User buyer, String orderId) {
        assertThat(fixture.ledgerKinds(buyer.id())).doesNotContain("DEBIT");
        assertThat(fixture.paymentStatus(orderId)).isEmpty();
        assertThat(jdbc.sql("select count(*) from payments").query(Long.class).single())
                .isZero();
    }
}
