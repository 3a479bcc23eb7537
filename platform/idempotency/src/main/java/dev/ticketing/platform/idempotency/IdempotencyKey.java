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

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
    }

    /**
     * No header is no key; an empty or blank one, or one longer than {@code maxLength}, is a 400 on the header and
     * the request is not served.
     */
    public static Optional<IdempotencyKey> fromHeader(String header, int maxLength) {
        if (header == null) {
            return Optional.empty();
        }
        if (header.isBlank() || header.length() > maxLength) {
            throw new ApiException(HttpStatus.BAD_REQUEST, List.of(new ApiError(invalid(maxLength), HEADER)));
        }
        return Optional.of(new IdempotencyKey(header));
    }

    /** The message of docs/api.md, word for word. */
    static String invalid(int maxLength) {
        return HEADER + " must be 1 to " + maxLength + " characters";
    }
}
