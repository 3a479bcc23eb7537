package dev.ticketing.web.docs;

import dev.ticketing.platform.web.ApiErrors;
import dev.ticketing.web.routing.Upstreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves each service's OpenAPI document (fetched from its internal {@code /v3/api-docs}) to the aggregated
 * Swagger UI at {@code /docs}. The document's {@code servers} are replaced by this origin, because the
 * internal address the service saw is not reachable from a browser, while its {@code /api/...} paths are.
 */
@RestController
class ApiDocsController {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsController.class);
    private final Upstreams upstreams;
    private final RestClient client;

    ApiDocsController(Upstreams upstreams, RestClient.Builder builder) {
        this.upstreams = upstreams;
        this.client = builder.requestInterceptor(upstreams.interceptor()).build();
    }

    @GetMapping(path = "/docs/{service}/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> apiDocs(@PathVariable String service) {
        if (!upstreams.serves(service)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiErrors.of("Not Found"));
        }
        try {
            JsonNode doc = client.get()
                    .uri(Upstreams.address(service).resolve("/v3/api-docs"))
                    .retrieve()
                    .body(JsonNode.class);
            if (doc instanceof ObjectNode object) {
                object.putArray("servers").addObject().put("url", "/");
            }
            return ResponseEntity.ok(doc);
        } catch (RestClientException e) {
            log.warn("Could not fetch the OpenAPI document of {}: {}", service, e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiErrors.of("Service unavailable"));
        }
    }
}
