package dev.ticketing.platform.web.pagination;

import dev.ticketing.platform.web.ApiError;
import dev.ticketing.platform.web.ApiException;
import dev.ticketing.platform.web.StorableText;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * A keyset position: the sort key ({@code at}, then {@code key} as a tie-breaker) of the last item of a page.
 * Encoded opaquely so that clients treat it as a token and the format can change.
 */
public record Cursor(Instant at, String key) {

    /** The error message of a cursor we did not produce, on field {@code cursor}. */
    public static final String INVALID = "Invalid cursor";

    private static final String VERSION = "1";

    public Cursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(key, "key");
    }

    /** The position of an item keyed by a UUID id. */
    public static Cursor of(Instant at, UUID id) {
        return new Cursor(at, id.toString());
    }

    public String encode() {
        String plain = VERSION + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor a client sent back; anything we did not produce is a 400 on {@code cursor}. */
    public static Cursor decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split(":", 3);
            // a key we produced is always storable text; one that is not would only fail in the database
            if (parts.length != 3
                    || !parts[0].equals(VERSION)
                    || parts[2].isEmpty()
                    || !StorableText.storable(parts[2])) {
                throw invalid();
            }
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS), parts[2]);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw invalid();
        }
    }

    /** The key as the UUID it must be for lists keyed by UUID ids; otherwise the cursor is not one of ours (400). */
    public UUID uuidKey() {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(HttpStatus.BAD_REQUEST, List.of(new ApiError(INVALID, "cursor")));
    }
}
