package dev.ticketing.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the auth service in tests: it holds an EC P-256 signing key, serves its public JWKS at
 * {@link #jwksUrl()} over real HTTP (so services verify exactly as in production) and mints access tokens in
 * the format of docs/development.md. {@link #rotate()} switches to a new key, to exercise refetch on unknown kid;
 * {@link #freeze()} and {@link #failJwks()} play an auth service that is frozen (SIGSTOP: connections are accepted,
 * nothing is answered) or answering errors, until {@link #recover()}.
 */
public final class TestJwtIssuer implements AutoCloseable {

    public static final String ISSUER = "ticketing-auth";
    public static final String AUDIENCE = "ticketing";
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    public static final JOSEObjectType ACCESS_TOKEN_TYPE = new JOSEObjectType("at+jwt");

    private static volatile TestJwtIssuer shared;

    private final List<ECKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final HttpServer server;
    private volatile ECKey current;
    private volatile CountDownLatch frozen = new CountDownLatch(0);
    private volatile boolean failing;

    /** Starts an issuer with a fresh key and its JWKS endpoint on a random local port; the caller closes it. */
    public TestJwtIssuer() {
        current = newKey();
        published.add(current);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksRequests.incrementAndGet();
            // the default executor is the server's one thread: while it waits here, nothing else is answered
            awaitThaw();
            boolean error = failing;
            byte[] body = (error ? "{\"errors\":[{\"message\":\"Something went wrong\"}]}" : jwks().toString())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(error ? 500 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** One issuer per test JVM, started on first use; {@code @ServiceTest} points services at it. */
    public static TestJwtIssuer shared() {
        if (shared == null) {
            synchronized (TestJwtIssuer.class) {
                if (shared == null) {
                    TestJwtIssuer issuer = new TestJwtIssuer();
                    Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "test-jwt-issuer-stop"));
                    shared = issuer;
                }
            }
        }
        return shared;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** The public keys currently served (every key used so far, so old tokens stay valid after a rotation). */
    public JWKSet jwks() {
        return new JWKSet(published.stream()
                .map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
                .toList());
    }

    /** The kid of the key that signs new tokens. */
    public String currentKid() {
        return current.getKeyID();
    }

    /** How many times the JWKS has been fetched, to observe caching and refetching. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** From now on the JWKS endpoint accepts connections but answers nothing, like a SIGSTOPped auth service. */
    public void freeze() {
        if (frozen.getCount() == 0) {
            frozen = new CountDownLatch(1);
        }
    }

    /** From now on the JWKS endpoint answers 500. */
    public void failJwks() {
        failing = true;
    }

    /** The JWKS endpoint answers normally again, including the requests that waited while it was frozen. */
    public void recover() {
        failing = false;
        frozen.countDown();
    }

    private void awaitThaw() {
        try {
            frozen.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates and publishes a new signing key; later tokens carry its (so far unknown) kid. */
    public String rotate() {
        ECKey next = newKey();
        published.add(next);
        current = next;
        return next.getKeyID();
    }

    /** A valid access token for the user, issued now, expiring in 15 minutes. */
    public String token(String userId, String email) {
        Instant now = Instant.now();
        return sign(
                current,
                ACCESS_TOKEN_TYPE,
                claims(userId, email, now, now.plus(LIFETIME)).build());
    }

    /** A valid access token issued at the given instant (for a service whose clock the test moves). */
    public String token(String userId, String email, Instant issuedAt) {
        return sign(
                current,
                ACCESS_TOKEN_TYPE,
                claims(userId, email, issuedAt, issuedAt.plus(LIFETIME)).build());
    }

    /** A well-formed token whose kid is in no key set ever published (a forgery, or a key not yet known). */
    public String tokenWithUnknownKid(String userId, String email, Instant issuedAt) {
        return sign(
                newKey(),
                ACCESS_TOKEN_TYPE,
                claims(userId, email, issuedAt, issuedAt.plus(LIFETIME)).build());
    }

    /** A token that expired an hour ago (well beyond any clock-skew tolerance). */
    public String expiredToken(String userId, String email) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign(
                current,
                ACCESS_TOKEN_TYPE,
                claims(userId, email, issued, issued.plus(Duration.ofHours(1))).build());
    }

    /** A well-formed token with the current kid but signed by a key that is not in the JWKS. */
    public String tokenSignedByAnotherKey(String userId, String email) {
        ECKey stranger = newKey(current.getKeyID());
        Instant now = Instant.now();
        return sign(
                stranger,
                ACCESS_TOKEN_TYPE,
                claims(userId, email, now, now.plus(LIFETIME)).build());
    }

    /** A token signed with the real key but with other claims or type, for negative tests. */
    public String customToken(JOSEObjectType type, JWTClaimsSet claims) {
        return sign(current, type, claims);
    }

    /** The standard claims of a valid token, for tests that alter one of them with {@link #customToken}. */
    public JWTClaimsSet.Builder claims(String userId, String email, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .claim("email", email)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
    }

    @Override
    public void close() {
        recover();
        server.stop(0);
    }

    private static String sign(ECKey key, JOSEObjectType type, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(type)
                .keyID(key.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static ECKey newKey() {
        return newKey(UUID.randomUUID().toString());
    }

    private static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
