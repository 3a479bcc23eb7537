package dev.ticketing.web.routing;

import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;

/**
 * Resolves {@code upstream://<service>/path?query} to an instance of the service for each attempt of a UI call;
 * the body arrives buffered, so a call tried again sends it intact. Other URLs pass unchanged.
 */
final class BalancingInterceptor implements ClientHttpRequestInterceptor {

    private final Upstreams upstreams;

    BalancingInterceptor(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        URI address = request.getURI();
        if (!Upstreams.SCHEME.equals(address.getScheme())) {
            return execution.execute(request, body);
        }
        UpstreamInstances instances = upstreams
                .of(address.getHost())
                .orElseThrow(() -> new IllegalArgumentException("No upstream is named " + address.getHost()));
        return instances.call(
                UpstreamInstances.safeToRepeat(request.getMethod(), request.getHeaders()),
                instance -> execution.execute(at(request, on(instance, address)), body));
    }

    /** The address's path and query on the instance (whose own path, if any, is ignored, as the routes do). */
    static URI on(URI instance, URI address) {
        String query = address.getRawQuery() == null ? "" : "?" + address.getRawQuery();
        return URI.create(instance.getScheme() + "://" + instance.getRawAuthority() + address.getRawPath() + query);
    }

    private static HttpRequest at(HttpRequest request, URI uri) {
        return new HttpRequestWrapper(request) {
            @Override
            public URI getURI() {
                return uri;
            }
        };
    }
}
