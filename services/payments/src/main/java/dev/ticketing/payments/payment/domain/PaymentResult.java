package dev.ticketing.payments.payment.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Every answer of a payment attempt. {@link #committed()} says whether it changed anything (money moved or a
 * PAYMENT event was stored): only those are kept for Idempotency-Key replays; pure rejections are recomputed on a
 * retry, e.g. an order not replicated yet may be payable a moment later.
 */
public sealed interface PaymentResult {

    default boolean committed() {
        return false;
    }

    record Paid(UUID paymentId, String orderId, BigDecimal amount) implements PaymentResult {
        @Override
        public boolean committed() {
            return true;
        }
    }

    record OrderNotFound() implements PaymentResult {}

    record NotOwner() implements PaymentResult {}

    record OrderCancelled() implements PaymentResult {}

    record AlreadyPaid() implements PaymentResult {}

    record Expired() implements PaymentResult {}

    /** The wallet could not cover the price; PAYMENT.failed INSUFFICIENT_FUND was stored. */
    record InsufficientFunds() implements PaymentResult {
        @Override
        public boolean committed() {
            return true;
        }
    }

    /** The provider failed (injected fault); PAYMENT.failed UNKNOWN was stored, nothing charged. */
    record ProviderFailed() implements PaymentResult {
        @Override
        public boolean committed() {
            return true;
        }
    }

    /** The provider did not answer in time (injected fault); PAYMENT.failed TIMEOUT was stored, nothing charged. */
    record ProviderTimedOut() implements PaymentResult {
        @Override
        public boolean committed() {
            return true;
        }
    }
}
