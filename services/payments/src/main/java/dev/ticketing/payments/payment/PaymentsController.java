package dev.ticketing.payments.payment;

import dev.ticketing.payments.payment.PaymentService.Outcome;
import dev.ticketing.payments.payment.domain.PaymentResult;
import dev.ticketing.platform.idempotency.HttpAnswer;
import dev.ticketing.platform.idempotency.Idempotency;
import dev.ticketing.platform.idempotency.IdempotencyKey;
import dev.ticketing.platform.idempotency.IdempotentRequest;
import dev.ticketing.platform.idempotency.RequestHash;
import dev.ticketing.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/payments (docs/api.md). Every result is rendered here once, by {@link PaymentAnswers}; the answer the
 * use case keeps under the Idempotency-Key is that same rendering, so a replay is identical.
 */
@RestController
@RequestMapping("/api/payments")
class PaymentsController {

    static final String ORDER_ID_REQUIRED = "OrderId must be provided";

    /** {@code token} is ignored by the credits provider (a card provider would need it). */
    record PayRequest(@NotBlank(message = ORDER_ID_REQUIRED) String orderId, String token) {}

    private final PaymentService service;
    private final PaymentAnswers answers;
    private final Idempotency idempotency;

    PaymentsController(PaymentService service, PaymentAnswers answers, Idempotency idempotency) {
        this.service = service;
        this.answers = answers;
        this.idempotency = idempotency;
    }

    @PostMapping
    ResponseEntity<String> pay(
            CurrentUser user,
            @Valid @RequestBody PayRequest body,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key) {
        Optional<IdempotencyKey> idempotencyKey = IdempotencyKey.fromHeader(key);
        var request = new PaymentService.Request(user.id(), body.orderId().trim(), body.token());
        IdempotentRequest<PaymentResult> once =
                idempotency.request(user.id(), idempotencyKey, requestHash(request), answers::of);
        HttpAnswer answer = switch (service.pay(request, once)) {
            case Outcome.Attempted(PaymentResult result) -> once.answer(result);
            case Outcome.AnsweredBefore() -> once.earlierAnswer();
        };
        return answer.toResponse();
    }

    /**
     * "The same request" for a key: the same parsed body (orderId and token). The text is what keys already stored
     * were hashed from: changing it would turn their retries into 422s.
     */
    private static String requestHash(PaymentService.Request request) {
        return RequestHash.of(request.orderId() + '\u0000' + (request.token() == null ? "\u0001" : request.token()));
    }
}
