package dev.ticketing.web.ui.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests are the UI's. Everything else on the origin ({@code /api/**} routed to the services,
 * {@code /docs} and {@code /actuator}) keeps behaving exactly as it did before the UI existed: no CSRF check, no
 * UI headers, no HTML error pages.
 */
final class UiPaths {

    private UiPaths() {}

    static boolean isUi(HttpServletRequest request) {
        return isUi(request.getRequestURI().substring(request.getContextPath().length()));
    }

    static boolean isUi(String path) {
        return !(under(path, "/api") || under(path, "/docs") || under(path, "/actuator") || under(path, "/v3"));
    }

    /** Static files: cached, and not a page (no {@code no-store}). */
    static boolean isAsset(String path) {
        return under(path, "/css")
                || under(path, "/js")
                || under(path, "/img")
                || under(path, "/webjars")
                || path.equals("/favicon.ico")
                || path.equals("/favicon.svg");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
