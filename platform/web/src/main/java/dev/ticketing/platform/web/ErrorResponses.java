package dev.ticketing.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/** The contract's message for a status without a more specific one, and writing a body outside Spring MVC. */
final class ErrorResponses {

    static final String SOMETHING_WENT_WRONG = "Something went wrong";

    private ErrorResponses() {}

    /** A generic message for a status: the reason phrase for 4xx, never any detail for 5xx. */
    static String messageFor(HttpStatusCode status) {
        if (status.is5xxServerError()) {
            return SOMETHING_WENT_WRONG;
        }
        if (status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return RequestBodyTooLargeException.MESSAGE;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** Writes the error body by hand (filters run outside MVC and its message converters). */
    static void write(HttpServletResponse response, HttpStatusCode status, ApiErrors body) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(toJson(body));
        response.getWriter().flush();
    }

    static String toJson(ApiErrors body) {
        StringBuilder json = new StringBuilder("{\"errors\":[");
        List<ApiError> errors = body.errors();
        for (int i = 0; i < errors.size(); i++) {
            ApiError error = errors.get(i);
            json.append(i == 0 ? "" : ",").append("{\"message\":").append(quote(error.message()));
            if (error.field() != null) {
                json.append(",\"field\":").append(quote(error.field()));
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
