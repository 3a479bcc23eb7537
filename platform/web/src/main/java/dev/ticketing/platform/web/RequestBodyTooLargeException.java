package dev.ticketing.platform.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that grows past the limit. An {@link IOException} because it surfaces from
 * {@code InputStream.read}; the error handler finds it in the cause chain of whatever wraps it.
 */
public class RequestBodyTooLargeException extends IOException {

    public static final String MESSAGE = "Request body too large";

    public RequestBodyTooLargeException() {
        super(MESSAGE);
    }
}
