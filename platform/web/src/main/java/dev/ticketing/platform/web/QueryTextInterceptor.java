package dev.ticketing.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a query parameter whose value PostgreSQL could not store ({@code ?q=%00}, see {@link StorableText}) with a
 * 400 on that parameter, before the handler runs. An interceptor rather than a filter: it runs after security (a
 * protected route still answers 401 first) and only for a route that exists (an unknown one stays a 404), and it
 * throws into the one error handler. It reads the query string itself, so that no form body is ever consumed.
 * Only controller routes are checked: nothing else here stores what it is asked.
 */
final class QueryTextInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String query = request.getQueryString();
        // only our controllers read parameters; a static resource or an unknown path stays what it was (a 404)
        if (!(handler instanceof HandlerMethod) || query == null || query.isEmpty()) {
            return true;
        }
        Map<String, ApiError> errors = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            Optional<String> name = decode(pair.substring(0, equals));
            Optional<String> problem = decode(pair.substring(equals + 1)).flatMap(StorableText::problem);
            if (name.isPresent() && problem.isPresent() && StorableText.storable(name.get())) {
                errors.putIfAbsent(name.get(), StorableText.error(name.get(), name.get(), problem.get()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, List.copyOf(errors.values()));
        }
        return true;
    }

    /** As the servlet container decodes parameters ({@code +} is a space); a malformed escape holds no NUL. */
    private static Optional<String> decode(String encoded) {
        try {
            return Optional.of(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
