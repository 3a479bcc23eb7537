package dev.ticketing.web.ui.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An access token as the UI reads it: the claims it needs to decide what to show (who, until when), read
 * without checking the signature. That is deliberate: the UI never grants anything on the strength of these
 * claims; every read and change goes to an API that verifies the token itself. A forged token only changes
 * what its own holder sees on pages that call no protected API, and every protected call then fails with 401.
 */
record AccessToken(String raw, Viewer viewer, Instant expiresAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The claims of a compact JWS, or empty when it is not one with {@code sub}, {@code email} and {@code exp}. */
    static Optional<AccessToken> parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 8192) {
            return Optional.empty();
        }
        String[] parts = raw.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims =
                    JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode sub = claims.get("sub");
            JsonNode email = claims.get("email");
            JsonNode exp = claims.get("exp");
            if (sub == null
                    || !sub.isString()
                    || email == null
                    || !email.isString()
                    || exp == null
                    || !exp.isNumber()) {
                return Optional.empty();
            }
            return Optional.of(new AccessToken(
                    raw, new Viewer(sub.asString(), email.asString()), Instant.ofEpochSecond(exp.asLong())));
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }

    /** True when the token is expired at {@code now} or will be within {@code margin}. */
    boolean expiresWithin(Instant now, Duration margin) {
        return !expiresAt.isAfter(now.plus(margin));
    }
}
