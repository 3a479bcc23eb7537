package dev.ticketing.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The contract's error body for the answers Spring Security gives before MVC is reached (docs/api.md: never an
 * HTML page, always {@code {"errors":[{"message": ...}]}}). The messages are fixed strings, so the JSON is
 * written directly rather than through a mapper.
 */
final class ContractErrorResponses {

    private ContractErrorResponses() {}

    static AuthenticationEntryPoint notAuthorized() {
        return (request, response, exception) -> write(response, HttpServletResponse.SC_UNAUTHORIZED, "Not authorized");
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden");
    }

    /**
     * A path the firewall refuses (an encoded slash, a semicolon, ...) cannot name one of our routes: like any
     * unknown route or malformed id it is a 404 (docs/api.md).
     */
    static RequestRejectedHandler notFound() {
        return (request, response, exception) -> write(response, HttpServletResponse.SC_NOT_FOUND, "Not Found");
    }

    static void write(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"errors\":[{\"message\":\"" + message + "\"}]}");
        response.flushBuffer();
    }
}
