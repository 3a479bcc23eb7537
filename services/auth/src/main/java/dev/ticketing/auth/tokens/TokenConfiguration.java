package dev.ticketing.auth.tokens;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.ticketing.platform.security.ProtectedRoutes;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    /**
     * Auth verifies access tokens with its own keys straight from {@link SigningKeys}, replacing the platform's
     * remote JWKS source: no HTTP call to itself, and it works before the server port is open.
     */
    @Bean
    JWKSource<SecurityContext> ticketingJwkSource(SigningKeys keys) {
        return (selector, context) -> {
            List<JWK> found = selector.select(keys.publicKeys());
            if (found.isEmpty() && keys.reloadIfStale()) {
                found = selector.select(keys.publicKeys());
            }
            return found;
        };
    }

    /** Every auth route is public: /refresh authenticates with the refresh token, not the access token. */
    @Bean
    ProtectedRoutes authProtectedRoutes() {
        return ProtectedRoutes.none();
    }
}
