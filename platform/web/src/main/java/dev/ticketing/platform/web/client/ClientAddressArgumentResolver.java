package dev.ticketing.platform.web.client;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.Collections;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link ClientAddress} controller parameters from the peer and {@code X-Forwarded-For}. */
final class ClientAddressArgumentResolver implements HandlerMethodArgumentResolver {

    /** A peer that is not an IP address (it cannot happen over TCP) is one unknown client, never a trusted one. */
    private static final InetAddress UNKNOWN = IpLiterals.parse("0.0.0.0").orElseThrow();

    private final TrustedProxies proxies;

    ClientAddressArgumentResolver(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ClientAddress.class;
    }

    @Override
    public ClientAddress resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        InetAddress peer = IpLiterals.parse(request.getRemoteAddr()).orElse(UNKNOWN);
        var forwardedFor = Collections.list(request.getHeaders(ForwardedFor.HEADER));
        return new ClientAddress(proxies.client(peer, forwardedFor));
    }
}
