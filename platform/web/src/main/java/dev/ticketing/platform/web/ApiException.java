package dev.ticketing.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error answer of the HTTP contract, thrown from controllers (or mapped from a use case's rejection) and
 * turned into the contract's body by the one error handler. Messages are the exact strings of docs/api.md.
 */
public class ApiException extends RuntimeException {

    public static final String NOT_FOUND = "Not Found";
    public static final String NOT_AUTHORIZED = "Not authorized";

    private final HttpStatus status;
    private final transient List<ApiError> errors;

    public ApiException(HttpStatus status, List<ApiError> errors) {
        super(status + " " + errors);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(HttpStatus status, String message) {
        this(status, List.of(ApiError.of(message)));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, NOT_FOUND);
    }

    public static ApiException notAuthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, NOT_AUTHORIZED);
    }

    public HttpStatus status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }
}
