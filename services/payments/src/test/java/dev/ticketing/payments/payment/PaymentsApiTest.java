package dev.ticketing.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.payments.Fixture;
import dev.ticketing.payments.Fixture.User;
import dev.ticketing.payments.PaymentsServiceTest;
import dev.ticketing.platform.test.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/payments and GET /wallet, /earnings: every row and error of docs/api.md's payments table. */
class PaymentsApiTest extends PaymentsServiceTest {

    private static final String NOT_AUTHORIZED = "{\"errors\":[{\"message\":\"Not authorized\"}]}";

    private static String error(String message) {
        return "{\"errors\":[{\"message\":\"" + message + "\"}]}";
    }

    // --- POST /api/payments ---------------------------------------------------------------------------------

    @Test
    void aPaymentDebitsTheWalletAndPublishesPaymentCreated() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(
                buyer, UUID.randomUUID().toString(), "20.25", 2, Instant.now().plusSeconds(900), null);

        Http.Response response = pay(buyer, orderId);

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.body();
        assertThat(body.get("orderId").asString()).isEqualTo(orderId);
        assertThat(body.get("amount").decimalValue()).isEqualByComparingTo("40.50");
        assertThat(body.get("status").asString()).isEqualTo("SUCCESS");
        String paymentId = body.get("id").asString();
        assertThat(UUID.fromString(paymentId)).isNotNull();

        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("459.50");
        assertThat(fixture.ledgerKinds(buyer.id())).containsExactly("GRANT", "DEBIT");
        assertThat(fixture.paymentStatus(orderId)).isEqualTo("CAPTURED");
        List<String> created = fixture.outboxPayloads("PAYMENT.created", paymentId);
        assertThat(created)
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .contains("\"orderId\":\"" + orderId + "\"")
                        .contains("\"amount\":40.50"));
    }

    @Test
    void anonymousCallsAreRejectedBeforeValidation() {
        assertThat(http.post("/api/payments", null, "{}").status()).isEqualTo(401);
        assertThat(http.post("/api/payments", null, "{}").raw()).isEqualTo(NOT_AUTHORIZED);
        assertThat(http.post("/api/payments", null, "{not json").status()).isEqualTo(401);
        assertThat(http.get("/api/payments/wallet", null).raw()).isEqualTo(NOT_AUTHORIZED);
        assertThat(http.get("/api/payments/earnings", null).status()).isEqualTo(401);
        assertThat(http.get("/api/payments/wallet", "nonsense").status()).isEqualTo(401);
    }

    @Test
    void orderIdMustBeProvided() {
        User buyer = Fixture.newUser();
        String expected = "{\"errors\":[{\"message\":\"OrderId must be provided\",\"field\":\"orderId\"}]}";
        for (String body : List.of("{}", "{\"orderId\":\"\"}", "{\"orderId\":\"   \"}", "{\"orderId\":null}")) {
            Http.Response response = http.post("/api/payments", buyer.bearer(), body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.raw()).as(body).isEqualTo(expected);
        }
        Http.Response malformed = http.post("/api/payments", buyer.bearer(), "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("errors").get(0).get("message").asString())
                .isNotBlank();
    }

    @Test
    void anUnknownOrderIs404() {
        Http.Response response = pay(Fixture.newUser(), UUID.randomUUID().toString());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw()).isEqualTo(error("Not Found"));
    }

    @Test
    void onlyTheBuyerMayPay() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "10");
        User stranger = Fixture.newUser();

        Http.Response response = pay(stranger, orderId);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.raw()).isEqualTo(NOT_AUTHORIZED);
        assertThat(fixture.paymentStatus(orderId)).isEmpty();
    }

    @Test
    void aCancelledOrderCannotBePaid() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "10");
        fixture.awaitHandled(Events.ORDER_CANCELLED, fixture.cancelled(orderId, 1, OrderOutcome.CANCELLED));

        Http.Response response = pay(buyer, orderId);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw()).isEqualTo(error("Cannot pay for an cancelled order"));
        assertThat(fixture.ledgerKinds(buyer.id())).doesNotContain("DEBIT");
    }

    @Test
    void anOrderIsPaidOnlyOnce() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "10");
        assertThat(pay(buyer, orderId).status()).isEqualTo(201);

        Http.Response again = pay(buyer, orderId);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.raw()).isEqualTo(error("Order has already been paid"));
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("490.00");
    }

    @Test
    void anExpiredOrderCannotBePaid() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(
                buyer, UUID.randomUUID().toString(), "10", 1, Instant.now().minusSeconds(1), null);

        Http.Response response = pay(buyer, orderId);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw()).isEqualTo(error("Order has expired"));
        assertThat(fixture.paymentStatus(orderId)).isEmpty();
    }

    @Test
    void insufficientFundsLeavesTheBalanceAndPublishesPaymentFailed() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(
                buyer, UUID.randomUUID().toString(), "250.01", 2, Instant.now().plusSeconds(900), null);

        Http.Response response = pay(buyer, orderId);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw()).isEqualTo(error("Insufficient funds"));
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("500.00");
        assertThat(fixture.ledgerKinds(buyer.id())).containsExactly("GRANT");
        assertThat(fixture.paymentStatus(orderId)).isEmpty();
        assertThat(fixture.outboxPayloads("PAYMENT.failed", orderId))
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .contains("\"outcome\":\"INSUFFICIENT_FUND\"")
                        .contains("\"orderId\":\"" + orderId + "\""));
    }

    @Test
    void faultInjectionIsIgnoredWhenDisabled() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(
                buyer, UUID.randomUUID().toString(), "10", 1, Instant.now().plusSeconds(900), "payment=fail");
        assertThat(pay(buyer, orderId).status()).isEqualTo(201);
    }

    // --- concurrency ----------------------------------------------------------------------------------------

    @Test
    void concurrentPaymentsOfOneOrderCaptureOnce() throws Exception {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "30");

        List<Http.Response> responses = concurrently(10, i -> pay(buyer, orderId));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() != 201)
                .hasSize(9)
                .allSatisfy(r -> assertThat(r.raw()).isEqualTo(error("Order has already been paid")));
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("470.00");
        assertThat(fixture.ledgerKinds(buyer.id())).containsExactly("GRANT", "DEBIT");
        assertThat(fixture.paymentStatus(orderId)).isEqualTo("CAPTURED");
    }

    @Test
    void concurrentPaymentsOfOneUserNeverOverdraw() throws Exception {
        User buyer = Fixture.newUser();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(fixture.order(buyer, "200"));
        }

        List<Http.Response> responses = concurrently(5, i -> pay(buyer, orders.get(i)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(2);
        assertThat(responses)
                .filteredOn(r -> r.status() == 400)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.raw()).isEqualTo(error("Insufficient funds")));
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("100.00");
        assertThat(fixture.ledgerSum(buyer.id())).isEqualByComparingTo("100.00");
        long failed = orders.stream()
                .filter(o -> !fixture.outboxPayloads("PAYMENT.failed", o).isEmpty())
                .count();
        assertThat(failed).isEqualTo(3);
    }

    // --- Idempotency-Key ------------------------------------------------------------------------------------

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstAnswer() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "12.5");
        String key = UUID.randomUUID().toString();

        Http.Response first = pay(buyer, orderId, key);
        Http.Response retry = pay(buyer, orderId, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("487.50");
        assertThat(fixture.ledgerKinds(buyer.id())).containsExactly("GRANT", "DEBIT");

        // without the key the same request is a new attempt, refused by the rules
        assertThat(pay(buyer, orderId).raw()).isEqualTo(error("Order has already been paid"));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        User buyer = Fixture.newUser();
        String key = UUID.randomUUID().toString();
        assertThat(pay(buyer, fixture.order(buyer, "1"), key).status()).isEqualTo(201);

        Http.Response reused = pay(buyer, fixture.order(buyer, "1"), key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.raw()).isEqualTo(error("Idempotency-Key was already used with a different request"));
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("499.00");
    }

    @Test
    void keysBelongToTheirUserAndRejectionsAreNotStored() {
        User buyer = Fixture.newUser();
        String key = UUID.randomUUID().toString();
        String orderId = fixture.order(buyer, "5");
        // a 401 for another user's order does not burn the key
        assertThat(pay(Fixture.newUser(), orderId, key).status()).isEqualTo(401);
        assertThat(pay(buyer, orderId, key).status()).isEqualTo(201);
        // insufficient funds committed PAYMENT.failed, so that answer is replayed
        String expensive = fixture.order(buyer, "1000");
        String key2 = UUID.randomUUID().toString();
        Http.Response refused = pay(buyer, expensive, key2);
        assertThat(refused.raw()).isEqualTo(error("Insufficient funds"));
        assertThat(pay(buyer, expensive, key2).raw()).isEqualTo(refused.raw());
        assertThat(fixture.outboxPayloads("PAYMENT.failed", expensive)).hasSize(1);
    }

    @Test
    void concurrentRetriesWithOneKeyReplayOneAnswer() throws Exception {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "7");
        String key = UUID.randomUUID().toString();

        List<Http.Response> responses = concurrently(6, i -> pay(buyer, orderId, key));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.raw()).isEqualTo(responses.get(0).raw());
        });
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("493.00");
    }

    @Test
    void aBlankOrOverlongKeyIsAValidationError() {
        User buyer = Fixture.newUser();
        Http.Response response = pay(buyer, UUID.randomUUID().toString(), "x".repeat(256));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    }

    // --- wallet and earnings --------------------------------------------------------------------------------

    @Test
    void theWalletOpensOnFirstUseWithTheInitialCredits() {
        User user = Fixture.newUser();

        JsonNode wallet = http.get("/api/payments/wallet", user.bearer()).body();

        assertThat(wallet.get("balance").decimalValue()).isEqualByComparingTo("500");
        assertThat(wallet.get("currency").asString()).isEqualTo("credits");
        assertThat(wallet.get("entries")).hasSize(1);
        JsonNode grant = wallet.get("entries").get(0);
        assertThat(grant.get("kind").asString()).isEqualTo("GRANT");
        assertThat(grant.get("amount").decimalValue()).isEqualByComparingTo("500");
        assertThat(grant.get("orderId").isNull()).isTrue();
        assertThat(Instant.parse(grant.get("at").asString())).isBeforeOrEqualTo(Instant.now());

        // a later USER.created grants nothing more
        fixture.awaitHandled(Events.USER_CREATED, fixture.userCreated(user.id()));
        assertThat(fixture.ledgerKinds(user.id())).containsExactly("GRANT");
        assertThat(fixture.balance(user.id())).isEqualByComparingTo("500");
    }

    @Test
    void userCreatedOpensTheWalletOnceAndAFirstPaymentDoesNotGrantAgain() {
        User user = Fixture.newUser();
        fixture.awaitHandled(Events.USER_CREATED, fixture.userCreated(user.id()));
        fixture.awaitHandled(Events.USER_CREATED, fixture.userCreated(user.id())); // redelivered under a new id
        assertThat(fixture.balance(user.id())).isEqualByComparingTo("500");

        assertThat(pay(user, fixture.order(user, "100")).status()).isEqualTo(201);

        assertThat(fixture.ledgerKinds(user.id())).containsExactly("GRANT", "DEBIT");
        assertThat(fixture.balance(user.id())).isEqualByComparingTo("400");
    }

    @Test
    void aFirstPaymentBeforeUserCreatedGrantsOnce() {
        User user = Fixture.newUser();
        assertThat(pay(user, fixture.order(user, "100")).status()).isEqualTo(201);
        fixture.awaitHandled(Events.USER_CREATED, fixture.userCreated(user.id()));

        assertThat(fixture.ledgerKinds(user.id())).containsExactly("GRANT", "DEBIT");
        JsonNode wallet = http.get("/api/payments/wallet", user.bearer()).body();
        assertThat(wallet.get("balance").decimalValue()).isEqualByComparingTo("400");
        assertThat(wallet.get("entries").get(0).get("kind").asString())
                .as("newest first")
                .isEqualTo("DEBIT");
        assertThat(wallet.get("entries").get(0).get("amount").decimalValue()).isEqualByComparingTo("-100");
    }

    @Test
    void earningsListTheCallersSales() {
        User buyer = Fixture.newUser();
        User seller = Fixture.newUser();
        String orderId =
                fixture.order(buyer, seller.id(), "15.50", 3, Instant.now().plusSeconds(900), null);
        assertThat(pay(buyer, orderId).status()).isEqualTo(201);
        fixture.awaitHandled(Events.ORDER_COMPLETED, fixture.completed(orderId, 2));

        JsonNode earnings = http.get("/api/payments/earnings", seller.bearer()).body();

        assertThat(earnings.get("total").decimalValue()).isEqualByComparingTo("46.50");
        assertThat(earnings.get("sales")).singleElement().satisfies(sale -> {
            assertThat(sale.get("orderId").asString()).isEqualTo(orderId);
            assertThat(sale.get("ticketId").asString()).startsWith("ticket-");
            assertThat(sale.get("quantity").asInt()).isEqualTo(3);
            assertThat(sale.get("amount").decimalValue()).isEqualByComparingTo("46.50");
            assertThat(sale.get("at").asString()).isNotBlank();
        });
        assertThat(http.get("/api/payments/earnings", buyer.bearer()).body().get("sales"))
                .isEmpty();
        assertThat(http.get("/api/payments/earnings", buyer.bearer())
                        .body()
                        .get("total")
                        .decimalValue())
                .isEqualByComparingTo("0");
    }

    // --- operations -----------------------------------------------------------------------------------------

    @Test
    void probesMetricsAndOpenApiAreServed() {
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus", null).raw()).contains("ticketing_messaging_outbox_unpublished");
        assertThat(http.get("/v3/api-docs", null).raw()).contains("/api/payments/wallet");
        Http.Response unknown = http.get("/api/payments/nope", Fixture.newUser().bearer());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw()).isEqualTo(error("Not Found"));
    }

    private static List<Http.Response> concurrently(int n, java.util.function.IntFunction<Http.Response> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Http.Response> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
