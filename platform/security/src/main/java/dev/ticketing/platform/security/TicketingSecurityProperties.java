package dev.ticketing.platform.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.security.*}: where the auth public keys are fetched and what an access token must carry.
 *
 * @param jwksUrl                 the auth service's JWK set (docs/development.md)
 * @param cookieSecure            whether auth sets the {@code Secure} flag on its cookies
 * @param issuer                  the required {@code iss}
 * @param audience                the required {@code aud}
 * @param clockSkew               tolerance on {@code exp}/{@code nbf}/{@code iat}
 * @param jwksCacheTtl            how long fetched keys count as fresh; after it they are refreshed in the
 *                                background and still used until a refresh succeeds (an auth outage longer than
 *                                this does not turn valid tokens into 401s; docs/decisions/0010)
 * @param jwksMinRefetchInterval  the least time between two JWKS fetches, whatever their reason (an unknown kid
 *                                triggers a refetch, but a flood of forged kids must not turn into a flood of
 *                                requests to auth)
 * @param jwksTimeout             connect and read timeout of one JWKS fetch, and the longest a request whose
 *                                key id is unknown waits for it (a request whose key is cached never waits)
 */
@ConfigurationProperties("ticketing.security")
public record TicketingSecurityProperties(
        @DefaultValue("http://127.0.0.1:18081/api/users/.well-known/jwks.json")
        URI jwksUrl,

        @DefaultValue("false") boolean cookieSecure,
        @DefaultValue("ticketing-auth") String issuer,
        @DefaultValue("ticketing") String audience,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("5m") Duration jwksCacheTtl,
        @DefaultValue("30s") Duration jwksMinRefetchInterval,
        @DefaultValue("2s") Duration jwksTimeout) {}
