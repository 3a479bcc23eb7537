package dev.ticketing.platform.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpMethod;

/**
 * The routes of a service that require an authenticated caller, declared as a bean so that the security
 * filter chain rejects anonymous calls with 401 before the request reaches MVC (docs/api.md: authentication is
 * checked before body validation and before malformed-JSON errors). Several beans are combined.
 *
 * <p>Specs are {@code "METHOD /path/pattern"} or {@code "/path/pattern"} (any method), with Spring path
 * patterns, e.g. {@code ProtectedRoutes.of("POST /api/tickets", "GET /api/tickets/mine", "/api/orders/**")}.
 */
public record ProtectedRoutes(List<Route> routes) {

    public ProtectedRoutes {
        routes = List.copyOf(routes);
    }

    /** One protected route; {@code method} null means every method. */
    public record Route(HttpMethod method, String pattern) {

        public Route {
            if (pattern == null || !pattern.startsWith("/")) {
                throw new IllegalArgumentException("A route pattern must start with '/': " + pattern);
            }
        }

        static Route parse(String spec) {
            String[] parts = spec.trim().split("\\s+");
            return switch (parts.length) {
                case 1 -> new Route(null, parts[0]);
                case 2 -> new Route(HttpMethod.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1]);
                default -> throw new IllegalArgumentException("Not a route spec (METHOD /path): " + spec);
            };
        }
    }

    public static ProtectedRoutes of(String... specs) {
        return new ProtectedRoutes(Arrays.stream(specs).map(Route::parse).toList());
    }

    public static ProtectedRoutes none() {
        return new ProtectedRoutes(List.of());
    }
}
