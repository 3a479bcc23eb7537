package dev.ticketing.platform.web;

import java.util.List;

/** The error body of every 4xx and 5xx response of {@code /api/**} (docs/api.md, Conventions). */
public record ApiErrors(List<ApiError> errors) {

    public static ApiErrors of(String message) {
        return new ApiErrors(List.of(ApiError.of(message)));
    }
}
