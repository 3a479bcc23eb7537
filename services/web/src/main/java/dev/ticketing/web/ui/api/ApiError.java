package dev.ticketing.web.ui.api;

/** One entry of the API's error body: the message for the person and, for validation errors, the field. */
public record ApiError(String message, String field) {}
