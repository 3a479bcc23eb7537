package dev.ticketing.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the error body {@code {"errors":[{"message": "...", "field": "..."}]}}; field only for validation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String message, String field) {

    public static ApiError of(String message) {
        return new ApiError(message, null);
    }
}
