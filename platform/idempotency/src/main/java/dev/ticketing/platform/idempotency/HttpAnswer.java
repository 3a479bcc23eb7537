package dev.ticketing.platform.idempotency;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A complete answer to a request: its status and its JSON body, rendered once. The first request is sent these bytes,
 * and a retry with the same {@code Idempotency-Key} is sent the same bytes again.
 */
public record HttpAnswer(int status, String body) {

    public ResponseEntity<String> toResponse() {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
