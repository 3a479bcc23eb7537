package dev.ticketing.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * One purchase as a buyer makes it: create the order, pay it, and wait (without asking the system) until the
 * order is final.
 */
final class Purchases {

    /** Longer than a saga step's deadline (30 s by default), so a step timing out still ends as an outcome. */
    static final Duration FINAL_TIMEOUT = Duration.ofSeconds(35);
    /** payments answers 404 for an order it has not replicated yet; read-your-writes should make this rare. */
    private static final int PAY_ATTEMPTS = 100;

    private static final Duration PAY_RETRY_DELAY = Duration.ofMillis(10);

    private final Api api;
    private final FinalStates finals;

    Purchases(Api api, FinalStates finals) {
        this.api = api;
        this.finals = finals;
    }

    /** Buys one unit of {@code listingId}; {@code start} is when the purchase was due. */
    PurchaseResult buy(Population.User buyer, String listingId, long start) {
        try {
            return attempt(buyer, listingId, start);
        } catch (RuntimeException e) { // an answer the bench did not expect: counted, never fatal to the run
            return new PurchaseResult(start, System.nanoTime(), 0, 0, 0, 0, null, "error " + e, 0);
        }
    }

    private PurchaseResult attempt(Population.User buyer, String listingId, long start) {
        Api.Response order = api.createOrder(buyer.token(), listingId);
        long created = System.nanoTime();
        if (order.status() != 201) {
            return new PurchaseResult(start, created, 0, 0, 0, 0, null, failure("create", order), 0);
        }
        String orderId = order.json().path("id").asString();
        return pay(buyer, orderId, start, created);
    }

    /** Pays an order just created and waits until it is final. */
    PurchaseResult pay(Population.User buyer, String orderId, long start, long created) {
        FinalStates.Waiting waiting = finals.expect(orderId, buyer.token());
        long payStart = System.nanoTime();
        Api.Response payment = api.pay(buyer.token(), orderId);
        int retries = 0;
        while (payment.status() == 404 && retries < PAY_ATTEMPTS) {
            Population.sleep(PAY_RETRY_DELAY);
            retries++;
            payment = api.pay(buyer.token(), orderId);
        }
        long paid = System.nanoTime();
        // a refused payment (e.g. Insufficient funds) still ends the order: its outcome tells why
        String failure = payment.status() == 201 ? null : failure("pay", payment);
        Optional<FinalStates.Final> done =
                waiting.await(payment.status() == 201 ? FINAL_TIMEOUT : Duration.ofSeconds(5));
        if (done.isEmpty()) {
            return new PurchaseResult(
                    start,
                    created,
                    payStart,
                    paid,
                    payment.status(),
                    0,
                    null,
                    failure != null ? failure : "not final within " + FINAL_TIMEOUT.toSeconds() + " s",
                    retries);
        }
        String outcome = done.get().outcome();
        if (failure == null && !"SUCCESS".equals(outcome)) {
            failure = "outcome " + outcome;
        }
        return new PurchaseResult(
                start, created, payStart, paid, payment.status(), done.get().atNanos(), outcome, failure, retries);
    }

    private static String failure(String step, Api.Response response) {
        return step + " " + response.status() + " " + response.errorMessage();
    }
}
