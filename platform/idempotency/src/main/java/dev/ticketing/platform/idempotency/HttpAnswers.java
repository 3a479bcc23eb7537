package dev.ticketing.platform.idempotency;

import dev.ticketing.platform.web.ApiErrors;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders {@link HttpAnswer}s with the service's own JSON mapper, the one its controllers answer with, so that a
 * rendered answer is the body the service would have sent anyway.
 */
public final class HttpAnswers {

    private final JsonMapper json;

    HttpAnswers(JsonMapper json) {
        this.json = json;
    }

    public HttpAnswer of(HttpStatus status, Object body) {
        return new HttpAnswer(status.value(), json.writeValueAsString(body));
    }

    /** The error body of docs/api.md, {@code {"errors":[{"message": ...}]}}. */
    public HttpAnswer error(HttpStatus status, String message) {
        return of(status, ApiErrors.of(message));
    }
}
