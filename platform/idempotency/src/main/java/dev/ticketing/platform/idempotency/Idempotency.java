package dev.ticketing.platform.idempotency;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/** Makes the {@link IdempotentRequest} of each request that takes an {@code Idempotency-Key}. */
public final class Idempotency {

    /** docs/api.md, word for word. */
    static final String KEY_REUSED = "Idempotency-Key was already used with a different request";

    private final StoredAnswers stored;
    private final HttpAnswer keyReused;
    private final Clock clock;

    Idempotency(StoredAnswers stored, HttpAnswers answers, Clock clock) {
        this.stored = stored;
        this.keyReused = answers.error(HttpStatus.UNPROCESSABLE_CONTENT, KEY_REUSED);
        this.clock = clock;
    }

    /**
     * @param userId      whose key it is: keys are scoped to the caller, another user's equal key is another key
     * @param requestHash {@link RequestHash} of the request as it takes effect
     * @param render      the controller's answer to what the use case keeps
     */
    public <R> IdempotentRequest<R> request(
            String userId, Optional<IdempotencyKey> key, String requestHash, Function<? super R, HttpAnswer> render) {
        return new IdempotentRequest<>(key, userId, requestHash, render, stored, keyReused, clock);
    }
}
