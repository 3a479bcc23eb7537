package dev.ticketing.platform.idempotency;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One request and its {@code Idempotency-Key} (or none), shared by the controller, which renders answers, and the use
 * case, which decides what happens inside its own transaction and sees only the {@link IdempotencyGuard}:
 * <ol>
 *   <li>the use case, first in its transaction: {@link #answeredBefore()}. It waits for any other request with the
 *       same key to end; when an earlier request already decided the answer the use case does nothing and says
 *       so;</li>
 *   <li>the use case, in the same transaction once its effect is written: {@link #keep(Object)}. The answer to that
 *       result is stored with the effect, so the two commit or vanish together, and a crash after the commit still
 *       leaves the answer for the retry;</li>
 *   <li>the controller, after the use case: {@link #earlierAnswer()} when the use case said it was answered before,
 *       otherwise {@link #answer(Object)}.</li>
 * </ol>
 * Only what the use case keeps is sent again: a refusal that changed nothing is decided afresh when retried
 * (docs/api.md, Idempotency). One per request, used by the request's own thread.
 *
 * @param <R> what the use case keeps, which {@code render} turns into the answer
 */
public final class IdempotentRequest<R> implements IdempotencyGuard<R> {

    private final Optional<IdempotencyKey> key;
    private final String userId;
    private final String requestHash;
    private final Function<? super R, HttpAnswer> render;
    private final StoredAnswers stored;
    private final HttpAnswer keyReused;
    private final Clock clock;

    private boolean claimed;
    private HttpAnswer earlier;
    private HttpAnswer kept;

    IdempotentRequest(
            Optional<IdempotencyKey> key,
            String userId,
            String requestHash,
            Function<? super R, HttpAnswer> render,
            StoredAnswers stored,
            HttpAnswer keyReused,
            Clock clock) {
        this.key = key;
        this.userId = userId;
        this.requestHash = requestHash;
        this.render = render;
        this.stored = stored;
        this.keyReused = keyReused;
        this.clock = clock;
    }

    /**
     * True when an earlier request with this key decided the answer: the same request (its answer is sent again) or
     * another one (422). Otherwise this request holds the key until the transaction ends, so a concurrent one with
     * the same key waits here and then finds this one's answer, or nothing if this one keeps none or rolls back.
     * Always false without a key.
     */
    @Override
    public boolean answeredBefore() {
        claimed = true;
        if (key.isEmpty()) {
            return false;
        }
        requireTransaction();
        Optional<StoredAnswers.Stored> found =
                stored.lockAndFind(userId, key.get().value());
        if (found.isEmpty()) {
            return false;
        }
        earlier = found.get().requestHash().equals(requestHash) ? found.get().answer() : keyReused;
        return true;
    }

    /** Stores the answer to {@code result} under the key, in the current transaction; nothing without a key. */
    @Override
    public void keep(R result) {
        if (!claimed || earlier != null) {
            throw new IllegalStateException("keep() follows answeredBefore() that returned false");
        }
        if (key.isEmpty()) {
            return;
        }
        requireTransaction();
        kept = render.apply(result);
        stored.insert(userId, key.get().value(), requestHash, kept, clock.instant());
    }

    /** What an earlier request with this key decided: its stored answer, or 422 for a different request. */
    public HttpAnswer earlierAnswer() {
        if (earlier == null) {
            throw new IllegalStateException("earlierAnswer() follows answeredBefore() that returned true");
        }
        return earlier;
    }

    /** The answer to this request's own result: the one kept, byte for byte what a retry gets, or rendered now. */
    public HttpAnswer answer(R result) {
        return kept != null ? kept : render.apply(result);
    }

    /** An advisory lock or a row outside a transaction would be released at once: no protection at all. */
    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an Idempotency-Key is claimed and kept inside the use case's transaction");
        }
    }
}
