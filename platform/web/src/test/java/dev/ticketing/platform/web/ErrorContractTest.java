package dev.ticketing.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.web.testapp.TestApp;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** Every error path of the contract, through a real server: status, JSON content type and exact body. */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void replacesBootsErrorController() {
        assertThat(context.getBeansOfType(BasicErrorController.class)).isEmpty();
    }

    @Test
    void validRequestPassesThrough() throws Exception {
        var response = post("/api/things", "{\"title\":\"t\",\"price\":1.5,\"display_name\":\"abc\"}");
        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void apiExceptionKeepsItsStatusAndMessage() throws Exception {
        assertError(get("/api/rejected"), 400, error("Cannot edit a reserved ticket"));
    }

    @Test
    void beanValidationGivesOneEntryPerFailingFieldWithJsonNames() throws Exception {
        var response = post("/api/things", "{\"title\":\"  \",\"price\":-1,\"display_name\":\"toolong\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errors(response))
                .containsExactlyInAnyOrder(
                        fieldError("Title is required", "title"),
                        fieldError("Price must be greater than 0", "price"),
                        fieldError("Display name is too long", "display_name"));
    }

    @Test
    void handlerMethodValidationOfRequestParameters() throws Exception {
        assertError(get("/api/list?limit=201"), 400, fieldError("limit must be between 1 and 200", "limit"));
    }

    @Test
    void requestParameterOfTheWrongTypeIsABadRequest() throws Exception {
        assertError(get("/api/list?limit=abc"), 400, fieldError("Invalid value", "limit"));
    }

    @Test
    void missingRequestParameterIsABadRequest() throws Exception {
        assertError(get("/api/service-validation"), 400, fieldError("Required parameter is missing", "value"));
    }

    @Test
    void constraintViolationFromMethodValidation() throws Exception {
        assertError(get("/api/service-validation?value=abcd"), 400, fieldError("Value is too long", "value"));
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        assertError(post("/api/things", "{\"title\": "), 400, error("Request body is not valid JSON"));
        assertError(post("/api/things", "not json at all"), 400, error("Request body is not valid JSON"));
    }

    @Test
    void missingBodyIsABadRequest() throws Exception {
        assertError(post("/api/things", ""), 400, error("Request body is required"));
    }

    @Test
    void wrongTypeOnAKnownFieldNamesTheFieldWithItsConstraintMessage() throws Exception {
        assertError(
                post("/api/things", "{\"title\":\"t\",\"price\":\"abc\"}"),
                400,
                fieldError("Price must be greater than 0", "price"));
        assertError(
                post("/api/things", "{\"title\":\"t\",\"price\":1,\"quantity\":\"many\"}"),
                400,
                fieldError("Invalid value", "quantity"));
    }

    @Test
    void unsupportedContentTypeIsABadRequest() throws Exception {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
            var request = request("/api/things")
                    .header("Content-Type", type)
                    .POST(BodyPublishers.ofString("{}"))
                    .build();
            assertError(send(request), 400, error("Request body must be JSON"));
        }
    }

    @Test
    void missingContentTypeIsABadRequest() throws Exception {
        var request = request("/api/things").POST(BodyPublishers.ofString("{}")).build();
        assertError(send(request), 400, error("Request body must be JSON"));
    }

    @Test
    void unknownRouteIs404EvenForHtmlClients() throws Exception {
        assertError(get("/api/nowhere"), 404, error("Not Found"));
        var html = request("/api/nowhere/deeper")
                .header("Accept", "text/html")
                .GET()
                .build();
        assertError(send(html), 404, error("Not Found"));
    }

    @Test
    void methodTheRouteDoesNotServeIsNotFound() throws Exception {
        assertError(send(request("/api/things").DELETE().build()), 404, error("Not Found"));
        assertError(get("/api/things"), 404, error("Not Found"));
        assertError(post("/api/rejected", "{}"), 404, error("Not Found"));
    }

    @Test
    void optionsAndHeadAreStillAnswered() throws Exception {
        var options = send(request("/api/things")
                .method("OPTIONS", BodyPublishers.noBody())
                .build());
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        var head = send(request("/api/things/" + KNOWN_ID).HEAD().build());
        assertThat(head.statusCode()).isEqualTo(200);
    }

    @Test
    void trailingSlashIsTheSameRoute() throws Exception {
        assertThat(post("/api/things/", "{\"title\":\"t\",\"price\":1}").statusCode())
                .isEqualTo(201);
        assertThat(get("/api/things/" + KNOWN_ID + "/").statusCode()).isEqualTo(200);
        assertError(get("/api/things/not-a-uuid/"), 404, error("Not Found"));
        assertError(
                post("/api/things/", "{\"title\":\"\",\"price\":1}"), 400, fieldError("Title is required", "title"));
    }

    @Test
    void encodedSlashInAnIdReachesTheApplicationAndNamesNothing() throws Exception {
        RawResponse response = raw("GET /api/things/a%2Fb HTTP/1.1");
        assertThat(response.status()).as(response.text()).isEqualTo(404);
        assertThat(response.text()).contains("application/json").contains("{\"errors\":[{\"message\":\"Not Found\"}]}");
    }

    @Test
    void requestsTomcatRefusesAreAnsweredInJsonNotHtml() throws Exception {
        for (String requestLine :
                List.of("GET /api/x%ZZ HTTP/1.1", "POST /api/things/%ZZ HTTP/1.1", "GET /api/x%00 HTTP/1.1")) {
            RawResponse response = raw(requestLine);
            assertThat(response.status())
                    .as(requestLine + "\n" + response.text())
                    .isEqualTo(400);
            assertThat(response.text())
                    .as(requestLine)
                    .contains("Content-Type: application/json")
                    .contains("{\"errors\":[{\"message\":\"Bad Request\"}]}")
                    .doesNotContain("<html");
        }
    }

    @Test
    void malformedPathIdIs404() throws Exception {
        assertError(get("/api/things/not-a-uuid"), 404, error("Not Found"));
        assertError(get("/api/things/1-1-1-1-1"), 404, error("Not Found"));
        assertError(get("/api/typed/not-a-uuid"), 404, error("Not Found"));
        assertThat(get("/api/things/7f1c7d0e-5b1a-4a57-9d6e-2f8d7d3c9a10").statusCode())
                .isEqualTo(200);
        assertThat(get("/api/typed/7f1c7d0e-5b1a-4a57-9d6e-2f8d7d3c9a10").statusCode())
                .isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitWithContentLengthIs413() throws Exception {
        String big = "{\"title\":\"" + "x".repeat(70 * 1024) + "\",\"price\":1}";
        assertError(post("/api/things", big), 413, error("Request body too large"));
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"title\":\"" + "x".repeat(70 * 1024) + "\",\"price\":1}").getBytes();
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));
        var request = request("/api/things")
                .header("Content-Type", "application/json")
                .POST(chunked)
                .build();
        assertError(send(request), 413, error("Request body too large"));
    }

    @Test
    void chunkedBodyUnderTheLimitIsAccepted() throws Exception {
        byte[] small = "{\"title\":\"t\",\"price\":2}".getBytes();
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small));
        var request = request("/api/things")
                .header("Content-Type", "application/json")
                .POST(chunked)
                .build();
        assertThat(send(request).statusCode()).isEqualTo(201);
    }

    @Test
    void unexpectedExceptionIs500WithoutDetail() throws Exception {
        var response = get("/api/failure");
        assertError(response, 500, error("Something went wrong"));
        assertThat(response.body()).doesNotContain("secret").doesNotContain("Exception");
    }

    @Test
    void errorEscapingMvcIsAnsweredByTheErrorFallbackInTheContractShape() throws Exception {
        var html = request("/api/filter-failure")
                .header("Accept", "text/html")
                .GET()
                .build();
        var response = send(html);
        assertError(response, 500, error("Something went wrong"));
        assertThat(response.body()).doesNotContain("secret").doesNotContain("<html");
    }

    @Test
    void directRequestToTheErrorPathIsJson() throws Exception {
        var response = get("/error");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(errors(response)).hasSize(1);
    }

    @Test
    void aStringPostgresqlCannotStoreIsRefusedOnTheFieldThatCarriesIt() throws Exception {
        assertError(
                post("/api/things", "{\"title\":\"a\\u0000b\",\"price\":1}"),
                400,
                fieldError("Title must not contain the null character (U+0000)", "title"));
        assertError(
                post("/api/things", "{\"title\":\"t\",\"price\":1,\"display_name\":\"\\ud800\"}"),
                400,
                fieldError("Display_name must not contain an unpaired surrogate (U+D800)", "display_name"));
        assertError(
                post("/api/things", "{\"title\":\"t\",\"price\":1,\"tags\":[\"ok\",\"\\udc00x\"]}"),
                400,
                fieldError("Tags must not contain an unpaired surrogate (U+DC00)", "tags[1]"));
    }

    @Test
    void aSurrogatePairIsOneCharacterAndStorable() throws Exception {
        var response = post("/api/things", "{\"title\":\"\\ud83c\\udfb5\",\"price\":1,\"tags\":[\"\\ud83c\\udfb5\"]}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("\uD83C\uDFB5");
    }

    @Test
    void aQueryParameterPostgresqlCannotStoreIsRefusedWhateverItsName() throws Exception {
        assertError(
                get("/api/list?limit=5&note=a%00b"),
                400,
                fieldError("note must not contain the null character (U+0000)", "note"));
        assertError(
                get("/api/list?limit=%00"),
                400,
                fieldError("limit must not contain the null character (U+0000)", "limit"));
        assertThat(get("/api/list?limit=5&note=a+b%20%F0%9F%8E%B5").statusCode())
                .isEqualTo(200);
        assertError(get("/api/nowhere?note=%00"), 404, error("Not Found"));
    }

    @Test
    void aHeaderWithAControlCharacterIsRefusedByTomcatAndNamedInTheAnswer() throws Exception {
        for (String header : List.of("X-Note: a\u0000b", "x-NOTE: \u0000", "X-Note: a\u0001b")) {
            RawResponse response = raw("GET /api/list HTTP/1.1", header);
            assertThat(response.status()).as(header).isEqualTo(400);
            assertThat(response.text())
                    .as(header)
                    .contains("Content-Type: application/json")
                    .contains(
                            "{\"errors\":[{\"message\":\"X-Note must not contain control characters\",\"field\":\"X-Note\"}]}");
        }
        RawResponse badName = raw("GET /api/list HTTP/1.1", "X Note: a");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.text()).contains("{\"errors\":[{\"message\":\"Bad Request\"}]}");
    }

    // --- helpers

    private static final String KNOWN_ID = "7f1c7d0e-5b1a-4a57-9d6e-2f8d7d3c9a10";

    private record RawResponse(int status, String text) {}

    /** One request over a plain socket, for request lines that java.net.http refuses to send. */
    private RawResponse raw(String requestLine, String... headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = requestLine + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n"
                    + String.join(
                            "",
                            java.util.Arrays.stream(headers)
                                    .map(h -> h + "\r\n")
                                    .toList()) + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new RawResponse(status, text);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET().build());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, BodyHandlers.ofString());
    }

    private static Map<String, Object> error(String message) {
        return Map.of("message", message);
    }

    private static Map<String, Object> fieldError(String message, String field) {
        return Map.of("message", message, "field", field);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(HttpResponse<String> response) {
        Map<String, Object> body = JSON.readValue(response.body(), Map.class);
        assertThat(body).containsOnlyKeys("errors");
        return (List<Map<String, Object>>) body.get("errors");
    }

    private static void assertError(HttpResponse<String> response, int status, Map<String, Object> expected) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(errors(response)).containsExactly(expected);
    }
}
