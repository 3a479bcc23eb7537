package dev.ticketing.auth.tokens;

import dev.ticketing.platform.security.AccessTokens;
import dev.ticketing.platform.security.TicketingSecurityProperties;
import dev.ticketing.auth.AuthProperties;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The two auth cookies: {@code access_token} for every API path, {@code refresh_token} only for
 * {@code /api/users} (so it travels to /refresh and /signout and nowhere else). Both HttpOnly, SameSite=Lax.
 */
@Component
public class AuthCookies {

    public static final String REFRESH_COOKIE = "refresh_token";
    static final String REFRESH_PATH = "/api/users";

    private final boolean secure;
    private final Duration refreshLifetime;

    AuthCookies(TicketingSecurityProperties security, AuthProperties auth) {
        this.secure = security.cookieSecure();
        this.refreshLifetime = auth.refreshTokenLifetime();
    }

    public HttpHeaders set(String accessToken, String refreshToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.SET_COOKIE, cookie(AccessTokens.COOKIE_NAME, accessToken, "/",
                AccessTokens.LIFETIME).toString());
        headers.add(HttpHeaders.SET_COOKIE, cookie(REFRESH_COOKIE, refreshToken, REFRESH_PATH,
                refreshLifetime).toString());
        return headers;
    }

    public HttpHeaders clear() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.SET_COOKIE, cookie(AccessTokens.COOKIE_NAME, "", "/", Duration.ZERO).toString());
        headers.add(HttpHeaders.SET_COOKIE, cookie(REFRESH_COOKIE, "", REFRESH_PATH, Duration.ZERO).toString());
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
