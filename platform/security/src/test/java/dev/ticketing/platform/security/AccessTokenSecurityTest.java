package dev.ticketing.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ticketing.platform.test.TestJwtIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ticketing.security.jwks-min-refetch-interval=1ms")
class AccessTokenSecurityTest {

    private static final TestJwtIssuer ISSUER = new TestJwtIssuer();
    private static final String PROTECTED_BODY = "{\"errors\":[{\"message\":\"Not authorized\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("ticketing.security.jwks-url", ISSUER::jwksUrl);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void validTokenInCookieIsAccepted() throws Exception {
        var response = send(get("/api/things/mine").header("Cookie", "access_token=" + ISSUER.token("u1", "a@b.c")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"u1\"").contains("\"email\":\"a@b.c\"");
    }

    @Test
    void validTokenInBearerHeaderIsAccepted() throws Exception {
        var response = send(get("/api/things/mine").header("Authorization", "Bearer " + ISSUER.token("u2", "x@y.z")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"u2\"");
    }

    @Test
    void validBearerWinsOverStaleCookie() throws Exception {
        var response = send(get("/api/things/mine")
                .header("Cookie", "access_token=" + ISSUER.expiredToken("old", "o@b.c"))
                .header("Authorization", "Bearer " + ISSUER.token("u3", "x@y.z")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":\"u3\"");
    }

    @Test
    void missingTokenOnProtectedRouteIs401InContractShape() throws Exception {
        var response = send(get("/api/things/mine"));
        assertUnauthorized(response);
    }

    @Test
    void publicRouteWithoutTokenIsAnonymous() throws Exception {
        var response = send(get("/api/things"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("anonymous");
    }

    @Test
    void publicRouteSeesValidCaller() throws Exception {
        var response = send(get("/api/things").header("Authorization", "Bearer " + ISSUER.token("u4", "a@b.c")));
        assertThat(response.body()).contains("\"caller\":\"u4\"");
    }

    @Test
    void expiredTokenIsRejected() throws Exception {
        assertRejected(ISSUER.expiredToken("u1", "a@b.c"));
    }

    @Test
    void tamperedSignatureIsRejected() throws Exception {
        String token = ISSUER.token("u1", "a@b.c");
        char last = token.charAt(token.length() - 5);
        String tampered = token.substring(0, token.length() - 5)
                + (last == 'A' ? 'B' : 'A')
                + token.substring(token.length() - 4);
        assertRejected(tampered);
    }

    @Test
    void tamperedClaimsAreRejected() throws Exception {
        String[] parts = ISSUER.token("u1", "a@b.c").split("\\.");
        String claims =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("u1", "admin");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertRejected(forged);
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() throws Exception {
        assertRejected(ISSUER.tokenSignedByAnotherKey("u1", "a@b.c"));
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() throws Exception {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String header =
                encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        String[] valid = ISSUER.token("u1", "a@b.c").split("\\.");
        assertRejected(header + "." + valid[1] + ".");
    }

    @Test
    void wrongTypeIsRejected() throws Exception {
        assertRejected(ISSUER.customToken(JOSEObjectType.JWT, validClaims().build()));
    }

    @Test
    void wrongIssuerIsRejected() throws Exception {
        assertRejected(ISSUER.customToken(
                TestJwtIssuer.ACCESS_TOKEN_TYPE,
                validClaims().issuer("someone-else").build()));
    }

    @Test
    void wrongAudienceIsRejected() throws Exception {
        assertRejected(ISSUER.customToken(
                TestJwtIssuer.ACCESS_TOKEN_TYPE, validClaims().audience("other").build()));
    }

    @Test
    void notYetValidTokenIsRejected() throws Exception {
        JWTClaimsSet claims = validClaims()
                .notBeforeTime(java.util.Date.from(Instant.now().plusSeconds(600)))
                .build();
        assertRejected(ISSUER.customToken(TestJwtIssuer.ACCESS_TOKEN_TYPE, claims));
    }

    @Test
    void expiryWithinClockSkewIsTolerated() throws Exception {
        Instant now = Instant.now();
        String justExpired = ISSUER.customToken(
                TestJwtIssuer.ACCESS_TOKEN_TYPE,
                ISSUER.claims("u5", "a@b.c", now.minusSeconds(900), now.minusSeconds(20))
                        .build());
        String longExpired = ISSUER.customToken(
                TestJwtIssuer.ACCESS_TOKEN_TYPE,
                ISSUER.claims("u5", "a@b.c", now.minusSeconds(900), now.minusSeconds(120))
                        .build());
        assertThat(send(get("/api/things/mine").header("Authorization", "Bearer " + justExpired))
                        .statusCode())
                .isEqualTo(200);
        assertRejected(longExpired);
    }

    @Test
    void authenticationIsCheckedBeforeBodyValidation() throws Exception {
        var response = send(post("/api/things", "{\"title\":\"\"}"));
        assertUnauthorized(response);
    }

    @Test
    void authenticationIsCheckedBeforeMalformedJson() throws Exception {
        var response = send(post("/api/things", "{not json"));
        assertUnauthorized(response);
    }

    @Test
    void authenticatedPostReachesTheController() throws Exception {
        var response = send(post("/api/things", "{\"title\":\"Concert\"}")
                .header("Authorization", "Bearer " + ISSUER.token("u6", "a@b.c")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"userId\":\"u6\"");
    }

    @Test
    void firewallRejectionsAreUnknownRoutesInTheContractShape() throws Exception {
        var response = send(get("/api/things/%2e%2e/mine"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
    }

    @Test
    void routeDeclaredWithoutMethodIsProtectedForEveryMethod() throws Exception {
        assertUnauthorized(send(get("/api/admin/stats")));
        assertUnauthorized(send(post("/api/admin/stats", "{}")));
        var ok = send(get("/api/admin/stats").header("Authorization", "Bearer " + ISSUER.token("u9", "a@b.c")));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void currentUserParameterAloneRequiresAuthentication() throws Exception {
        assertUnauthorized(send(get("/api/undeclared")));
        var ok = send(get("/api/undeclared").header("Authorization", "Bearer " + ISSUER.token("u7", "a@b.c")));
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownKidTriggersJwksRefetch() throws Exception {
        // make sure the current key set is cached first
        assertThat(send(get("/api/things/mine").header("Authorization", "Bearer " + ISSUER.token("u8", "a@b.c")))
                        .statusCode())
                .isEqualTo(200);
        int fetchesBefore = ISSUER.jwksRequests();

        ISSUER.rotate();
        var response = send(get("/api/things/mine").header("Authorization", "Bearer " + ISSUER.token("u8", "a@b.c")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ISSUER.jwksRequests()).isGreaterThan(fetchesBefore);
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return ISSUER.claims("u1", "a@b.c", now, now.plus(Duration.ofMinutes(15)));
    }

    private void assertRejected(String token) throws Exception {
        assertUnauthorized(send(get("/api/things/mine").header("Authorization", "Bearer " + token)));
        assertUnauthorized(send(get("/api/things/mine").header("Cookie", "access_token=" + token)));
        var publicRoute = send(get("/api/things").header("Authorization", "Bearer " + token));
        assertThat(publicRoute.statusCode()).isEqualTo(200);
        assertThat(publicRoute.body()).contains("anonymous");
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo(PROTECTED_BODY);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
