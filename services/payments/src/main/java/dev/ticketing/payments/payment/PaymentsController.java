package dev.ticketing.payments.payment;

import dev.ticketing.platform.security.CurrentUser;
import dev.ticketing.platform.web.ApiError;
import dev.ticketing.platform.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/payments (docs/api.md). The service renders the answer so an Idempotency-Key replay is identical. */
@RestController
@RequestMapping("/api/payments")
class PaymentsController {

    static final String ORDER_ID_REQUIRED = "OrderId must be provided";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String INVALID_KEY = "Idempotency-Key must be 1 to 255 characters";
    static final int MAX_KEY_LENGTH = 255;

    /** {@code token} is ignored by the credits provider (a card provider would need it). */
    record PayRequest(@NotBlank(message = ORDER_ID_REQUIRED) String orderId, String token) {
    }

    private final PaymentService service;

    PaymentsController(PaymentService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<String> pay(CurrentUser user, @Valid @RequestBody PayRequest body,
                               @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, List.of(new ApiError(INVALID_KEY, IDEMPOTENCY_KEY)));
        }
        HttpAnswer answer = service.pay(new PaymentService.Request(user.id(), body.orderId().trim(), body.token(), key));
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }
}
