package dev.ticketing.payments.payment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What "the same request" means for an Idempotency-Key: the same parsed body (orderId and token). */
final class RequestHash {

    private RequestHash() {
    }

    static String of(PaymentService.Request request) {
        String canonical = request.orderId() + '\u0000' + (request.token() == null ? "\u0001" : request.token());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
