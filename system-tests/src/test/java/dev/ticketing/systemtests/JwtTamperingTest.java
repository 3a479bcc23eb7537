package dev.ticketing.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

/** Forged, altered and re-signed access tokens are never accepted, by cookie or by header. */
@ExtendWith(StackExtension.class)
class JwtTamperingTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final String url = Stack.get().url();
    private String token;

    @BeforeEach
    void signUp() {
        String email = AuthJourneyTest.uniqueEmail();
        new Http(url).post("/api/users/signup", Map.of("email", email, "password", "password1"));
        token = new Http(url)
                .post("/api/users/token", Map.of("email", email, "password", "password1"))
                .json()
                .get("accessToken")
                .asString();
        assertThat(Http.bearer(url, token).get("/api/tickets/mine").status()).isEqualTo(200);
    }

    @Test
    void aChangedClaimBreaksTheSignature() {
        String[] parts = token.split("\\.");
        ObjectNode claims = (ObjectNode) Http.JSON.readTree(DECODE.decode(parts[1]));
        claims.put("sub", "00000000-0000-0000-0000-000000000001");
        String forged = parts[0] + "." + b64(claims.toString()) + "." + parts[2];
        assertRejected(forged);
    }

    @Test
    void anUnsignedTokenIsRejected() {
        String[] parts = token.split("\\.");
        ObjectNode header = (ObjectNode) Http.JSON.readTree(DECODE.decode(parts[0]));
        header.put("alg", "none");
        assertRejected(b64(header.toString()) + "." + parts[1] + ".");
    }

    @Test
    void aTokenSignedWithTheKeyAsAnHmacSecretIsRejected() throws Exception {
        String[] parts = token.split("\\.");
        ObjectNode header = (ObjectNode) Http.JSON.readTree(DECODE.decode(parts[0]));
        header.put("alg", "HS256");
        String jwks = new Http(url).get("/api/users/.well-known/jwks.json").body();
        String signingInput = b64(header.toString()) + "." + parts[1];
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(jwks.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertRejected(signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes())));
    }

    @Test
    void aTokenSignedByAnotherKeyWithTheSameKidIsRejected() throws Exception {
        String[] parts = token.split("\\.");
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var attacker = generator.generateKeyPair();
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(attacker.getPrivate());
        String signingInput = parts[0] + "." + parts[1];
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        assertRejected(signingInput + "." + B64.encodeToString(signature.sign()));
    }

    private void assertRejected(String forged) {
        assertThat(Http.bearer(url, forged).get("/api/tickets/mine").status())
                .as("bearer")
                .isEqualTo(401);
        var cookieClient = new Http(url);
        cookieClient.setCookie("access_token", forged);
        assertThat(cookieClient.get("/api/tickets/mine").status()).as("cookie").isEqualTo(401);
        assertThat(cookieClient
                        .get("/api/users/currentuser")
                        .json()
                        .get("currentUser")
                        .isNull())
                .as("currentuser treats a forged token as anonymous")
                .isTrue();
        assertThat(Http.bearer(url, forged)
                        .post("/api/tickets", Map.of("title", "x", "price", 1))
                        .status())
                .isEqualTo(401);
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
