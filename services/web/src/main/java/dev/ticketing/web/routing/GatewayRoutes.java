package dev.ticketing.web.routing;

import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import dev.ticketing.platform.web.ApiErrors;
import dev.ticketing.platform.web.RequestBodyTooLargeException;
import dev.ticketing.platform.web.client.TrustedProxies;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.gateway.server.mvc.filter.FormFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code /api/<service>/**} proxied to the service unchanged (path, query, headers, cookies, status, body),
 * the way the Kubernetes ingress does it, plus the client's address in {@code X-Forwarded-For}; any other
 * {@code /api/**} path is a contract 404. A service with several instances gets each request on the next one, and
 * on another one when the first could not take it and that is safe (docs/decisions/0070).
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    static final String SERVICE_UNAVAILABLE = "Service unavailable";
    private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);

    @Bean
    RouterFunction<ServerResponse> apiRoutes(RoutesProperties routes, Upstreams upstreams) {
        RouterFunctions.Builder all = RouterFunctions.route();
        routes.upstreams()
                .forEach((prefix, upstream) ->
                        all.add(proxy(prefix, upstreams.of(upstream.service()).orElseThrow())));
        // registered after the proxies, so it only answers what none of them matched
        return all.route(path("/api").or(path("/api/**")), GatewayRoutes::notFound)
                .build();
    }

    /** The instances of every service, shared by these routes and the UI's clients. */
    @Bean
    Upstreams upstreams(RoutesProperties routes, EdgeProperties edge, Clock clock) {
        return new Upstreams(routes, edge, clock);
    }

    /** The client's address for the services, and nothing a client claims about it (docs/decisions/0011). */
    @Bean
    ForwardedHeaders forwardedHeaders(EdgeProperties edge) {
        return new ForwardedHeaders(TrustedProxies.of(edge.trustedProxies()));
    }

    /**
     * The gateway's form filter turns a form body into request parameters for proxying and hides them from
     * everything after it; it belongs to the routes only, so that the UI's own forms keep their parameters.
     */
    @Bean
    FilterRegistrationBean<FormFilter> gatewayFormFilterOnApiRoutesOnly(FormFilter formFilter) {
        var registration = new FilterRegistrationBean<>(formFilter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(formFilter.getOrder());
        return registration;
    }

    /**
     * The retries wrap the proxy itself: the builder always puts {@code onError} handlers innermost, so one around
     * the proxy would turn a failed attempt into an answer before another instance could be tried.
     */
    private static RouterFunction<ServerResponse> proxy(String prefix, UpstreamInstances upstream) {
        return route(upstream.service())
                .route(path(prefix).or(path(prefix + "/**")), new BalancedProxy(upstream, http()))
                .onError(Exception.class, (error, request) -> failed(upstream, request, error))
                .build();
    }

    /**
     * A chunked request body that grows past the limit fails while it is read: that is the client's 413, not the
     * upstream's fault. Anything else (connection refused, reset or timed out on every instance that could be
     * asked) means the proxied call never got an answer.
     */
    private static ServerResponse failed(UpstreamInstances upstream, ServerRequest request, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyTooLargeException) {
                return json(HttpStatus.CONTENT_TOO_LARGE, RequestBodyTooLargeException.MESSAGE);
            }
        }
        return unavailable(upstream, request, error);
    }

    private static ServerResponse unavailable(UpstreamInstances upstream, ServerRequest request, Throwable error) {
        log.warn("{} {} → {} failed: {}", request.method(), request.path(), upstream.service(), error.toString());
        return json(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE);
    }

    private static ServerResponse notFound(ServerRequest request) {
        return json(HttpStatus.NOT_FOUND, "Not Found");
    }

    static ServerResponse json(HttpStatus status, String message) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiErrors.of(message));
    }
}
