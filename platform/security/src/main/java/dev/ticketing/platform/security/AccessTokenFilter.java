package dev.ticketing.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the caller of a valid access token (Bearer header first, then the {@code access_token} cookie) into the
 * security context. It never rejects a request itself: a missing or invalid token leaves the caller anonymous,
 * and only the authorization rules decide whether that is a 401.
 */
final class AccessTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccessTokenVerifier verifier;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    AccessTokenFilter(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        authenticate(request).ifPresent(user -> {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new CurrentUserAuthentication(user));
            contexts.setContext(context);
        });
        chain.doFilter(request, response);
    }

    private Optional<CurrentUser> authenticate(HttpServletRequest request) {
        for (String token : candidates(request)) {
            Optional<CurrentUser> user = verifier.verify(token);
            if (user.isPresent()) {
                return user;
            }
        }
        return Optional.empty();
    }

    /** A stale cookie must not hide a valid Bearer token (or vice versa), so both are tried. */
    static List<String> candidates(HttpServletRequest request) {
        List<String> tokens = new ArrayList<>(2);
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            tokens.add(header.substring(BEARER.length()).trim());
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (AccessTokens.COOKIE_NAME.equals(cookie.getName())
                        && !cookie.getValue().isBlank()) {
                    tokens.add(cookie.getValue());
                }
            }
        }
        return tokens;
    }
}
