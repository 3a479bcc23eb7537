package dev.ticketing.orders.pagination;

import dev.ticketing.platform.web.ApiError;
import dev.ticketing.platform.web.ApiException;
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
 * A keyset position: the sort key of the last item of a page ({@code at}, then the id as a tie-breaker),
 * encoded opaquely so that clients treat it as a token.
 */
public record Cursor(Instant at, UUID id) {

    static final String INVALID = "Invalid cursor";
    private static final String VERSION = "1";

    public Cursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        String plain = VERSION + ":" + ChronoUnit.MICROS.between(Instant.EPOCH, at) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor a client sent back; anything we did not produce is a 400 on {@code cursor}. */
    public static Cursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            if (parts.length != 3 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(HttpStatus.BAD_REQUEST, List.of(new ApiError(INVALID, "cursor")));
    }
}
