package dev.ticketing.web.ui.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.HttpCookie;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseCookie;

/**
 * The auth service's two cookies as the UI meets them: read from the browser's request, found in the
 * {@code Set-Cookie} headers auth answers with (which the UI relays to the browser unchanged), and cleared when
 * a session cannot be renewed.
 */
final class SessionCookies {

    static final String ACCESS = "access_token";
    static final String REFRESH = "refresh_token";

    private SessionCookies() {}

    static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && !cookie.getValue().isBlank()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** The value a list of {@code Set-Cookie} headers gives a cookie; empty when none names it or it is cleared. */
    static Optional<String> valueIn(List<String> setCookieHeaders, String name) {
        for (String header : setCookieHeaders) {
            try {
                for (HttpCookie cookie : HttpCookie.parse(header)) {
                    if (cookie.getName().equals(name)) {
                        return cookie.getValue().isEmpty() || cookie.getMaxAge() == 0
                                ? Optional.empty()
                                : Optional.of(cookie.getValue());
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // not a cookie auth would send: ignore it
            }
        }
        return Optional.empty();
    }

    /** {@code Set-Cookie} headers that remove both cookies, with the attributes auth sets them with. */
    static List<String> cleared(boolean secure) {
        return List.of(clear(ACCESS, secure), clear(REFRESH, secure));
    }

    private static String clear(String name, boolean secure) {
        return ResponseCookie.from(name, "")
                .path("/")
                .maxAge(0)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .build()
                .toString();
    }
}
