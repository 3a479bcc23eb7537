package dev.ticketing.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.http.MimeHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's last-resort error page, for what it rejects before any servlet runs (an undecodable URI such as
 * {@code /api/x%ZZ}, a bad header...): the contract's JSON with the status's generic message instead of Tomcat's
 * HTML page. Errors that reach the application are answered by {@link ApiErrorController} and never get here.
 * A header value with a control character (a NUL included, which PostgreSQL could not store either) is such a
 * request: the answer names the header, as a validation error would.
 */
final class ContractErrorReportValve extends ErrorReportValve {

    private static final String CONTROL_CHARACTERS = "must not contain control characters";
    private static final String HEADER_PARSER = "org.apache.tomcat.util.http.parser.HttpHeaderParser";

    ContractErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own valve: only an error nobody has answered yet, and only while the client can still read it
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ApiErrors errors = refusedHeader(
                        status, throwable, request.getCoyoteRequest().getMimeHeaders())
                .map(name -> new ApiErrors(List.of(new ApiError(name + " " + CONTROL_CHARACTERS, name))))
                .orElseGet(() -> ApiErrors.of(ErrorResponses.messageFor(HttpStatusCode.valueOf(status))));
        String body = ErrorResponses.toJson(errors);
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already committed: nothing left to tell the client
        }
    }

    /**
     * The header whose value Tomcat refused, when that is why it answers 400. Tomcat's header parser adds a header's
     * name before it reads the value and stops at the first value holding a control character (RFC 9110 forbids
     * them), so the refused header is the last one and has no value. This leans on how Tomcat parses, which the
     * services' input tests pin down; anything else keeps the generic message.
     */
    private static Optional<String> refusedHeader(int status, Throwable throwable, MimeHeaders headers) {
        if (status != 400 || !(throwable instanceof IllegalArgumentException) || !thrownByHeaderParser(throwable)) {
            return Optional.empty();
        }
        int last = headers.size() - 1;
        if (last < 0
                || !headers.getValue(last).isNull()
                || headers.getName(last).isNull()) {
            return Optional.empty();
        }
        return Optional.of(canonical(headers.getName(last).toString()));
    }

    private static boolean thrownByHeaderParser(Throwable throwable) {
        StackTraceElement[] trace = throwable.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().equals(HEADER_PARSER);
    }

    /** {@code idempotency-KEY} → {@code Idempotency-Key}: one name for the field whatever case the client used. */
    private static String canonical(String header) {
        return Arrays.stream(header.split("-", -1))
                .map(part -> part.isEmpty()
                        ? part
                        : part.substring(0, 1).toUpperCase(Locale.ROOT)
                                + part.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("-"));
    }
}
