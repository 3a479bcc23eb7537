package dev.ticketing.auth.tokens;

import dev.ticketing.auth.AuthProperties;
import dev.ticketing.platform.security.AccessTokens;
import dev.ticketing.platform.security.TicketingSecurityProperties;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The two auth cookies, both for the whole origin, HttpOnly and SameSite=Lax. {@code refresh_token} is on
 * {@code /} rather than only {@code /api/users} because the web UI on the same origin refreshes expired access
 * tokens for the pages it renders, and a browser sends a cookie only to the paths it names (decision 21).
 */
@Component
public class AuthCookies {

    public static final String REFRESH_COOKIE = "refresh_token";
    static final String REFRESH_PATH = "/";

    private final boolean secure;
    private final Duration refreshLifetime;

    AuthCookies(TicketingSecurityProperties security, AuthProperties auth) {
        this.secure = security.cookieSecure();
        this.refreshLifetime = auth.refreshTokenLifetime();
    }

    public HttpHeaders set(String accessToken, String refreshToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(
                HttpHeaders.SET_COOKIE,
                cookie(AccessTokens.COOKIE_NAME, accessToken, "/", AccessTokens.LIFETIME)
                        .toString());
        headers.add(
                HttpHeaders.SET_COOKIE,
                cookie(REFRESH_COOKIE, refreshToken, REFRESH_PATH, refreshLifetime)
                        .toString());
        return headers;
    }

    public HttpHeaders clear() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(
                HttpHeaders.SET_COOKIE,
                cookie(AccessTokens.COOKIE_NAME, "", "/", Duration.ZERO).toString());
        headers.add(
                HttpHeaders.SET_COOKIE,
                cookie(REFRESH_COOKIE, "", REFRESH_PATH, Duration.ZERO).toString());
        return headers;
    }

    private ResponseCookie cookie(String name, String value, String path, Duration maxAge) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path(path)
                .maxAge(maxAge)
                .build();
    }
}
