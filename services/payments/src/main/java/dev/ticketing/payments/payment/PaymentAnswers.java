package dev.ticketing.payments.payment;

import dev.ticketing.payments.payment.domain.PaymentResult;
import dev.ticketing.platform.idempotency.HttpAnswer;
import dev.ticketing.platform.idempotency.HttpAnswers;
import dev.ticketing.platform.web.ApiException;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The docs/api.md answer of every payment result. Errors are rendered here too, not thrown, because the failed
 * payments that end an order (insufficient funds, provider failed or timed out) are kept under the Idempotency-Key
 * like a success: a retry gets the same bytes.
 */
@Component
class PaymentAnswers {

    static final String SUCCESS = "SUCCESS";
    static final String CANCELLED = "Cannot pay for an cancelled order";
    static final String ALREADY_PAID = "Order has already been paid";
    static final String EXPIRED = "Order has expired";
    static final String INSUFFICIENT_FUNDS = "Insufficient funds";
    static final String PAYMENT_FAILED = "Payment failed";
    static final String PAYMENT_TIMED_OUT = "Payment timed out";

    record PaymentView(String id, String orderId, BigDecimal amount, String status) {}

    private final HttpAnswers answers;

    PaymentAnswers(HttpAnswers answers) {
        this.answers = answers;
    }

    HttpAnswer of(PaymentResult result) {
        return switch (result) {
            case PaymentResult.Paid paid ->
                answers.of(
                        HttpStatus.CREATED,
                        new PaymentView(paid.paymentId().toString(), paid.orderId(), paid.amount(), SUCCESS));
            case PaymentResult.OrderNotFound ignored -> error(HttpStatus.NOT_FOUND, ApiException.NOT_FOUND);
            case PaymentResult.NotOwner ignored -> error(HttpStatus.UNAUTHORIZED, ApiException.NOT_AUTHORIZED);
            case PaymentResult.OrderCancelled ignored -> error(HttpStatus.BAD_REQUEST, CANCELLED);
            case PaymentResult.AlreadyPaid ignored -> error(HttpStatus.BAD_REQUEST, ALREADY_PAID);
            case PaymentResult.Expired ignored -> error(HttpStatus.BAD_REQUEST, EXPIRED);
            case PaymentResult.InsufficientFunds ignored -> error(HttpStatus.BAD_REQUEST, INSUFFICIENT_FUNDS);
            case PaymentResult.ProviderFailed ignored -> error(HttpStatus.BAD_GATEWAY, PAYMENT_FAILED);
            case PaymentResult.ProviderTimedOut ignored -> error(HttpStatus.GATEWAY_TIMEOUT, PAYMENT_TIMED_OUT);
        };
    }

    private HttpAnswer error(HttpStatus status, String message) {
        return answers.error(status, message);
    }
}
