package dev.ticketing.web.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * How a call to one instance failed, which decides whether another instance may be asked: the HTTP clients wrap
 * the socket's exception (RestClient in a {@code ResourceAccessException}), so the cause chain is searched.
 */
enum AttemptFailure {
    /**
     * No connection was made (refused, no route, unknown host, connect timeout): the instance saw nothing, so any
     * request may go to another, and the instance is probably down.
     */
    NOT_CONNECTED,
    /**
     * Connected, then the exchange broke (reset, read timeout, closed without an answer): the instance may have
     * acted on the request, so only a request that is safe to repeat may go to another.
     */
    AFTER_CONNECTING,
    /** Not an I/O failure (a bug, a refused header): asking another instance would fail the same way. */
    NOT_IO;

    static AttemptFailure of(Throwable error) {
        AttemptFailure failure = NOT_IO;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof HttpConnectTimeoutException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return NOT_CONNECTED;
            }
            if (t instanceof IOException) {
                failure = AFTER_CONNECTING;
            }
        }
        return failure;
    }
}
