package dev.ticketing.web.routing;

import dev.ticketing.platform.web.client.TrustedProxies;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Tells the services who the client is (docs/decisions/0011): {@code X-Forwarded-For} becomes the address of the
 * peer of the edge, after the chain the peer sent only when the peer is a trusted proxy. Every other forwarding
 * header a client sent ({@code Forwarded}, {@code X-Forwarded-Host}, {@code X-Real-IP}, ...) is dropped, so the
 * services never read a claim the edge did not check. Runs after the gateway's own header filters.
 */
final class ForwardedHeaders implements HttpHeadersFilter.RequestHttpHeadersFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final Set<String> CLIENT_CLAIMS =
            Set.of("forwarded", "x-real-ip", "x-client-ip", "true-client-ip", "cf-connecting-ip");

    private final TrustedProxies proxies;

    ForwardedHeaders(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
        HttpHeaders output = new HttpHeaders();
        for (var header : input.headerSet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-forwarded-") && !CLIENT_CLAIMS.contains(name)) {
                output.addAll(header.getKey(), header.getValue());
            }
        }
        var incoming = Collections.list(request.servletRequest().getHeaders(X_FORWARDED_FOR));
        output.set(X_FORWARDED_FOR, proxies.forwardedFor(peer(request), incoming));
        return output;
    }

    /** The socket peer as Tomcat reports it: always an IP literal, so this never looks a name up. */
    private static InetAddress peer(ServerRequest request) {
        try {
            return InetAddress.getByName(request.servletRequest().getRemoteAddr());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("The peer address is not an IP address", e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
