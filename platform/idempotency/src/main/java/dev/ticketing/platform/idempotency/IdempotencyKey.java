package dev.ticketing.platform.idempotency;

import dev.ticketing.platform.web.ApiError;
import dev.ticketing.platform.web.ApiException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The {@code Idempotency-Key} header of a POST (docs/api.md, Idempotency), read before anything else of the request
 * is done. A key with a control character never gets here: Tomcat refuses the request first, and the platform's
 * error report names the header (decision 8).
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";

    /** One limit for every route (decision 16): payments' 255, which orders' 200 fitted into. */
    static final int MAX_LENGTH = 255;

    /** docs/api.md, word for word. */
    static final String INVALID = HEADER + " must be 1 to " + MAX_LENGTH + " characters";

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
    }

    /**
     * No header is no key; an empty or blank one, or one longer than {@link #MAX_LENGTH}, is a 400 on the header and
     * the request is not served.
     */
    public static Optional<IdempotencyKey> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (header.isBlank() || header.length() > MAX_LENGTH) {
            throw new ApiException(HttpStatus.BAD_REQUEST, List.of(new ApiError(INVALID, HEADER)));
        }
        return Optional.of(new IdempotencyKey(header));
    }
}
