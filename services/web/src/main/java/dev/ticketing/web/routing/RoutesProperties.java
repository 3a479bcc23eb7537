package dev.ticketing.web.routing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service answers, without a path ({@code TICKETING_ROUTES_AUTH_URL=http://127.0.0.1:18081} ...): one
 * base URL, or several instances separated by commas ({@code http://127.0.0.1:18083,http://127.0.0.1:18183}), which
 * the edge and the UI take in turn ({@link UpstreamInstances}). The defaults are the launcher's ports
 * (docs/development.md).
 */
@ConfigurationProperties("ticketing.routes")
public record RoutesProperties(
        @DefaultValue("http://127.0.0.1:18081") List<URI> authUrl,
        @DefaultValue("http://127.0.0.1:18082") List<URI> ticketsUrl,
        @DefaultValue("http://127.0.0.1:18083") List<URI> ordersUrl,
        @DefaultValue("http://127.0.0.1:18084") List<URI> paymentsUrl) {

    /** Public path prefix (as the ingress routes it) → upstream, in routing order. */
    Map<String, Upstream> upstreams() {
        var byPrefix = new LinkedHashMap<String, Upstream>();
        byPrefix.put("/api/users", new Upstream("auth", authUrl));
        byPrefix.put("/api/tickets", new Upstream("tickets", ticketsUrl));
        byPrefix.put("/api/orders", new Upstream("orders", ordersUrl));
        byPrefix.put("/api/payments", new Upstream("payments", paymentsUrl));
        return byPrefix;
    }

    /** A service and the base URLs of its instances (at least one). */
    record Upstream(String service, List<URI> instances) {

        Upstream {
            if (instances == null || instances.isEmpty()) {
                throw new IllegalArgumentException("ticketing.routes: no URL for " + service);
            }
            instances = List.copyOf(instances);
        }
    }
}
