package dev.ticketing.web.ui.session;

import dev.ticketing.platform.web.client.TrustedProxies;
import dev.ticketing.web.routing.EdgeProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collections;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The {@link Session} of the current request: created on first use and kept on the request, so that the layout
 * and the controller share one (and renew at most once). Resolves {@code Session} controller parameters.
 */
@Component
public class Sessions implements HandlerMethodArgumentResolver {

    private static final String ATTRIBUTE = Session.class.getName();

    private final TokenRefresher refresher;
    private final CookieSettings cookies;
    private final TrustedProxies proxies;
    private final Clock clock;

    Sessions(TokenRefresher refresher, CookieSettings cookies, EdgeProperties edge, Clock clock) {
        this.refresher = refresher;
        this.cookies = cookies;
        this.proxies = TrustedProxies.of(edge.trustedProxies());
        this.clock = clock;
    }

    public Session of(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(ATTRIBUTE) instanceof Session session) {
            return session;
        }
        var session = new Session(
                SessionCookies.read(request, SessionCookies.ACCESS),
                SessionCookies.read(request, SessionCookies.REFRESH),
                response,
                refresher,
                cookies.cookieSecure(),
                clock,
                clientAddress(request));
        request.setAttribute(ATTRIBUTE, session);
        return session;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Session.class;
    }

    @Override
    public Session resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        return of(
                webRequest.getNativeRequest(HttpServletRequest.class),
                webRequest.getNativeResponse(HttpServletResponse.class));
    }

    /** What the edge would send the services for this client (decision 11), so that per-address limits hold. */
    private String clientAddress(HttpServletRequest request) {
        try {
            return proxies.forwardedFor(
                    InetAddress.getByName(request.getRemoteAddr()),
                    Collections.list(request.getHeaders("X-Forwarded-For")));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("The peer address is not an IP address", e);
        }
    }
}
