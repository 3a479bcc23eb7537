package dev.ticketing.web.routing;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.client.ClientHttpRequestInterceptor;

/**
 * The instances of every service, once for the whole web process: the edge's routes and the UI's clients take
 * the same turns and see the same quarantines.
 *
 * <p>The UI's clients address a service by name, {@code upstream://<service>/path?query} ({@link #address}), and
 * carry the {@link #interceptor()}, which sends each call to one of the service's instances.
 */
public final class Upstreams {

    static final String SCHEME = "upstream";

    private final Map<String, UpstreamInstances> byService = new LinkedHashMap<>();

    Upstreams(RoutesProperties routes, EdgeProperties edge, Clock clock) {
        for (var upstream : routes.upstreams().values()) {
            byService.put(upstream.service(), new UpstreamInstances(upstream, edge.quarantine(), clock));
        }
    }

    /** {@code upstream://<service>}: where a UI client with the {@link #interceptor()} finds the service. */
    public static URI address(String service) {
        return URI.create(SCHEME + "://" + service);
    }

    /** Whether a service of that name is routed, e.g. {@code tickets}. */
    public boolean serves(String service) {
        return byService.containsKey(service);
    }

    /**
     * For the UI's RestClients: a request to {@code upstream://<service>/...} goes to the service's next instance,
     * and to another one when that is safe ({@link UpstreamInstances#call}). Needs a buffered body, which a
     * RestClient with an interceptor has.
     */
    public ClientHttpRequestInterceptor interceptor() {
        return new BalancingInterceptor(this);
    }

    Optional<UpstreamInstances> of(String service) {
        return Optional.ofNullable(byService.get(service));
    }
}
