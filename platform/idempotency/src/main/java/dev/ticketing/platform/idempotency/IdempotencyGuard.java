package dev.ticketing.platform.idempotency;

/**
 * What a use case sees of its request's {@code Idempotency-Key}: two calls inside its own transaction, and no answer,
 * status or body. The controller that renders the answers holds the {@link IdempotentRequest} behind it.
 *
 * @param <R> the result whose answer a retry is to get
 */
public interface IdempotencyGuard<R> {

    /**
     * First in the transaction. True when an earlier request with the same key decided the answer: the use case then
     * does nothing and says so. Otherwise this request holds the key until its transaction ends.
     */
    boolean answeredBefore();

    /** Once the effect is written, in the same transaction: the answer to {@code result} is what a retry gets. */
    void keep(R result);
}
