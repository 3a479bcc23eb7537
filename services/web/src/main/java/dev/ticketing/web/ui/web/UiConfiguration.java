package dev.ticketing.web.ui.web;

import dev.ticketing.web.ui.session.CookieSettings;
import dev.ticketing.web.ui.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.support.csrf.CsrfRequestDataValueProcessor;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

/**
 * The UI's cross-cutting web concerns, once: CSRF protection of every UI form (decision 22), security headers, and
 * the {@code Session} parameter of UI controllers. Spring Security contributes only its CSRF filter; there is no
 * Spring Security filter chain, so /api/** reaches the gateway routes exactly as before.
 */
@Configuration(proxyBeanMethods = false)
class UiConfiguration implements WebMvcConfigurer {

    /** The error page a refused form is forwarded to (403). */
    static final String CSRF_REFUSED_PATH = "/forbidden";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Sessions sessions;

    UiConfiguration(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(sessions);
    }

    /**
     * Synchronizer tokens kept in a cookie (no server-side session: any web instance can check any form), masked
     * per page against BREACH; every state-changing UI request must carry the token in {@code _csrf}.
     */
    @Bean
    FilterRegistrationBean<CsrfFilter> uiCsrfFilter(CookieSettings cookies) {
        var tokens = new CookieCsrfTokenRepository();
        tokens.setCookieName("csrf_token");
        tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true)
                .secure(cookies.cookieSecure())
                .sameSite("Lax")
                .path("/"));
        var filter = new CsrfFilter(tokens);
        filter.setRequireCsrfProtectionMatcher(UiConfiguration::needsCsrfToken);
        var refused = new AccessDeniedHandlerImpl();
        refused.setErrorPage(CSRF_REFUSED_PATH);
        filter.setAccessDeniedHandler(refused);
        var registration = new FilterRegistrationBean<>(filter);
        // after the body limit and the trailing-slash filter of platform/web
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> uiSecurityHeadersFilter() {
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 31);
        return registration;
    }

    /** Puts the CSRF token into every form Thymeleaf renders with {@code th:action} (the bean name is the key). */
    @Bean
    RequestDataValueProcessor requestDataValueProcessor() {
        return new CsrfRequestDataValueProcessor();
    }

    /** Static: the session classes need it before this configuration (which needs them) exists. */
    @Bean
    static Clock clock() {
        return Clock.systemUTC();
    }

    private static boolean needsCsrfToken(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod()) && UiPaths.isUi(request);
    }
}
