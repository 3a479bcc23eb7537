package dev.ticketing.web.ui.api;

import dev.ticketing.web.routing.Upstreams;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public HTTP APIs of the services, as the UI calls them: with the signed-in person's own access token (so
 * the UI can do nothing the API would refuse them), the client's address, and JSON. A 401 with a token that
 * looked valid renews the session once and repeats the call. Every error comes back as an {@link ApiFailure}
 * carrying the API's own messages.
 */
@Component
public class Api {

    /** The services behind /api/**, each at its instances (the same the edge routes to, taken in the same turns). */
    public enum Service {
        AUTH,
        TICKETS,
        ORDERS,
        PAYMENTS
    }

    /** An answer as it came: status, headers and body. */
    public record Response(int status, HttpHeaders headers, byte[] body) {}

    private static final Logger log = LoggerFactory.getLogger(Api.class);
    /** Ids are UUIDs; anything else names nothing, and must never become another path on a service. */
    private static final Pattern ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final RestClient http;
    private final JsonMapper json;

    Api(RestClient.Builder builder, Upstreams upstreams, JsonMapper json) {
        // blocking calls in the request's own (virtual) thread: no hand-offs to a client's selector and executor,
        // which cost more than the call itself on a busy machine; timeouts as spring.http.clients sets them
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(CONNECT_TIMEOUT);
        requests.setReadTimeout(READ_TIMEOUT);
        this.http = builder.requestFactory(requests)
                .requestInterceptor(upstreams.interceptor())
                .build();
        this.json = json;
    }

    /** The id, if it can be one; otherwise the page does not exist (404 {@code Not Found}). */
    public static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ApiFailure(404, List.of(new ApiError("Not Found", null)));
        }
        return id;
    }

    /**
     * A path with its query, every value encoded: {@code uri("/api/tickets", "q", "rock & roll", "cursor", null)}.
     * Parameters whose value is null or blank are left out.
     */
    public static String uri(String path, String... namesAndValues) {
        var uri = new StringBuilder(path);
        char separator = '?';
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                // form encoding, as servlet containers decode query strings ('+' is a space, so "c++" is c%2B%2B)
                uri.append(separator)
                        .append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return uri.toString();
    }

    /** GET with the person's token. */
    public <T> T get(Caller caller, Service service, String pathAndQuery, Class<T> type) {
        return read(call(caller, true, HttpMethod.GET, service, pathAndQuery, null, Map.of()), type);
    }

    /** GET of a public route, without a token. */
    public <T> T getPublic(Caller caller, Service service, String pathAndQuery, Class<T> type) {
        return read(call(caller, false, HttpMethod.GET, service, pathAndQuery, null, Map.of()), type);
    }

    /** A page of a list endpoint, with the person's token. */
    public <T> Page<T> page(Caller caller, Service service, String pathAndQuery, Class<T[]> type) {
        return pageOf(call(caller, true, HttpMethod.GET, service, pathAndQuery, null, Map.of()), type);
    }

    /** A page of a public list endpoint, without a token. */
    public <T> Page<T> pagePublic(Caller caller, Service service, String pathAndQuery, Class<T[]> type) {
        return pageOf(call(caller, false, HttpMethod.GET, service, pathAndQuery, null, Map.of()), type);
    }

    /** POST, PUT or DELETE with the person's token; {@code type} {@code Void.class} when no body is expected. */
    public <T> T send(
            Caller caller,
            HttpMethod method,
            Service service,
            String path,
            Object body,
            Map<String, String> headers,
            Class<T> type) {
        return read(call(caller, true, method, service, path, body, headers), type);
    }

    /** A call without a token (signup, signin, signout), answered as it came when it is a success. */
    public Response anonymous(
            Caller caller, HttpMethod method, Service service, String path, Object body, Map<String, String> headers) {
        return call(caller, false, method, service, path, body, headers);
    }

    /**
     * One call; an {@link ApiFailure} unless it succeeds. With {@code asViewer} the person's token goes along, and
     * a 401 renews the session once and repeats the call.
     */
    private Response call(
            Caller caller,
            boolean asViewer,
            HttpMethod method,
            Service service,
            String pathAndQuery,
            Object body,
            Map<String, String> headers) {
        Optional<String> bearer = asViewer && caller != null ? caller.bearer() : Optional.empty();
        Response response = exchange(caller, method, service, pathAndQuery, body, headers, bearer);
        if (response.status() == 401 && bearer.isPresent() && caller.renewAfterRejection(this::acceptedByAuth)) {
            response = exchange(caller, method, service, pathAndQuery, body, headers, caller.bearer());
        }
        if (response.status() >= 400) {
            throw new ApiFailure(response.status(), errorsOf(response));
        }
        return response;
    }

    /** Whether auth still takes the token ({@code currentuser} names someone); an outage counts as yes. */
    private boolean acceptedByAuth(String token) {
        try {
            Response current = exchange(
                    null, HttpMethod.GET, Service.AUTH, "/api/users/currentuser", null, Map.of(), Optional.of(token));
            JsonNode user =
                    current.status() == 200 ? json.readTree(current.body()).get("currentUser") : null;
            return current.status() != 200 || (user != null && !user.isNull());
        } catch (ApiFailure | JacksonException unknown) {
            return true;
        }
    }

    private <T> Page<T> pageOf(Response response, Class<T[]> type) {
        T[] items = read(response, type);
        return new Page<>(
                items == null ? List.of() : Arrays.asList(items),
                Page.cursorOf(response.headers().getFirst(HttpHeaders.LINK)));
    }

    private Response exchange(
            Caller caller,
            HttpMethod method,
            Service service,
            String pathAndQuery,
            Object body,
            Map<String, String> headers,
            Optional<String> bearer) {
        URI uri = UriComponentsBuilder.fromUri(Upstreams.address(service.name().toLowerCase(Locale.ROOT)))
                .path(pathOf(pathAndQuery))
                .query(queryOf(pathAndQuery))
                .build(true)
                .toUri();
        try {
            var request = http.method(method).uri(uri).accept(MediaType.APPLICATION_JSON);
            bearer.ifPresent(token -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
            if (caller != null) {
                request.header("X-Forwarded-For", caller.clientAddress());
            }
            headers.forEach(request::header);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(body));
            }
            return request.exchange((req, res) -> new Response(
                    res.getStatusCode().value(), res.getHeaders(), StreamUtils.copyToByteArray(res.getBody())));
        } catch (RestClientException e) {
            log.warn("{} {} → {} failed: {}", method, pathOf(pathAndQuery), service, e.toString());
            throw ApiFailure.unavailable();
        }
    }

    private <T> T read(Response response, Class<T> type) {
        if (type == Void.class || response.body().length == 0) {
            return null;
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException e) {
            log.warn("Unreadable answer of the API ({}): {}", type.getSimpleName(), e.getOriginalMessage());
            throw ApiFailure.unavailable();
        }
    }

    /** The contract's error entries; a body without them (a proxy's page, say) gets the status's meaning. */
    private List<ApiError> errorsOf(Response response) {
        var errors = new ArrayList<ApiError>();
        try {
            JsonNode entries = json.readTree(response.body()).get("errors");
            if (entries != null && entries.isArray()) {
                for (JsonNode entry : entries) {
                    JsonNode message = entry.get("message");
                    JsonNode field = entry.get("field");
                    if (message != null && message.isString()) {
                        errors.add(new ApiError(
                                message.asString(), field != null && field.isString() ? field.asString() : null));
                    }
                }
            }
        } catch (JacksonException | IllegalArgumentException unreadable) {
            // fall through to the generic message
        }
        if (errors.isEmpty()) {
            errors.add(new ApiError(
                    response.status() >= 500
                            ? ApiFailure.SERVICE_UNAVAILABLE
                            : response.status() == 404 ? "Not Found" : "Request failed",
                    null));
        }
        return errors;
    }

    private static String pathOf(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String queryOf(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? null : pathAndQuery.substring(q + 1);
    }
}
