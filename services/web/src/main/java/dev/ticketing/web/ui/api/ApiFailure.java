package dev.ticketing.web.ui.api;

import java.util.List;

/**
 * An API call answered with an error (its status and the contract's error entries), or could not be answered at
 * all (503 {@code Service unavailable}, as the edge says it for /api/**). Pages show the messages as they are.
 */
public final class ApiFailure extends RuntimeException {

    public static final String SERVICE_UNAVAILABLE = "Service unavailable";

    private final int status;
    private final List<ApiError> errors;

    public ApiFailure(int status, List<ApiError> errors) {
        super(status + " " + errors, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiFailure unavailable() {
        return new ApiFailure(503, List.of(new ApiError(SERVICE_UNAVAILABLE, null)));
    }

    public int status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }

    /** 401 or 404: what the UI shows as "Not found" where the contract says so (another user's order). */
    public boolean notFoundOrNotYours() {
        return status == 404 || status == 401;
    }
}
