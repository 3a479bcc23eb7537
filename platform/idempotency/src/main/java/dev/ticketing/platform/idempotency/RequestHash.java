package dev.ticketing.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What is stored of a request to tell "the same request" from another one under the same key: the SHA-256 of a
 * canonical text the service builds from the request as it takes effect. That text is the service's to define (which
 * fields, defaults applied) and must not change once keys are stored under it: a retry of an earlier request would
 * then be a different request, a 422.
 */
public final class RequestHash {

    private RequestHash() {}

    /** Lower-case hex, 64 characters. */
    public static String of(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
