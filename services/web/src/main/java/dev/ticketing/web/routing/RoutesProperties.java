package dev.ticketing.web.routing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where each service answers, without a path ({@code TICKETING_ROUTES_AUTH_URL=http://127.0.0.1:18081} ...).
 * The defaults are the launcher's ports (docs/development.md).
 */
@ConfigurationProperties("ticketing.routes")
public record RoutesProperties(
        @DefaultValue("http://127.0.0.1:18081") URI authUrl,
        @DefaultValue("http://127.0.0.1:18082") URI ticketsUrl,
        @DefaultValue("http://127.0.0.1:18083") URI ordersUrl,
        @DefaultValue("http://127.0.0.1:18084") URI paymentsUrl) {

    /** Public path prefix (as the ingress routes it) → upstream, in routing order. */
    public Map<String, Upstream> upstreams() {
        var byPrefix = new LinkedHashMap<String, Upstream>();
        byPrefix.put("/api/users", new Upstream("auth", authUrl));
        byPrefix.put("/api/tickets", new Upstream("tickets", ticketsUrl));
        byPrefix.put("/api/orders", new Upstream("orders", ordersUrl));
        byPrefix.put("/api/payments", new Upstream("payments", paymentsUrl));
        return byPrefix;
    }

    /** The upstream of a service by name, e.g. for its OpenAPI document. */
    public java.util.Optional<Upstream> upstream(String service) {
        return upstreams().values().stream()
                .filter(u -> u.service().equals(service))
                .findFirst();
    }

    public record Upstream(String service, URI url) {}
}
