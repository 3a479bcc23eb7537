package dev.ticketing.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Stateless token security for every service: no sessions, no CSRF (JSON API, cookies are SameSite=Lax), no
 * form login or basic auth. Access tokens are verified against the auth JWKS; the routes of the service's
 * {@link ProtectedRoutes} beans require a caller, everything else is open (controllers decide with
 * {@link CurrentUser} parameters).
 */
@AutoConfiguration(
        before = {
            SecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(TicketingSecurityProperties.class)
public class TicketingSecurityAutoConfiguration {

    /** A key set is a few hundred bytes; anything much larger is not our auth service talking. */
    private static final int JWKS_SIZE_LIMIT = 64 * 1024;

    /**
     * The auth public keys, fetched over HTTP, cached, kept through an auth outage, refreshed in the background
     * and refetched on an unknown kid (key rotation), rate limited ({@link JwksCache}). The auth service replaces
     * this bean with its own keys so it never calls itself.
     */
    @Bean
    @ConditionalOnMissingBean
    public JWKSource<SecurityContext> ticketingJwkSource(
            TicketingSecurityProperties properties, ObjectProvider<Clock> clock) throws MalformedURLException {
        URL url = properties.jwksUrl().toURL();
        int timeout = (int) Math.min(Integer.MAX_VALUE, properties.jwksTimeout().toMillis());
        JwksCache.Fetcher fetcher = () -> JWKSet.load(url, timeout, timeout, JWKS_SIZE_LIMIT);
        return new JwksCache(
                fetcher,
                Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("jwks-fetch-", 0).factory()),
                clock.getIfAvailable(Clock::systemUTC),
                properties.jwksCacheTtl(),
                properties.jwksMinRefetchInterval(),
                properties.jwksTimeout());
    }

    @Bean
    @ConditionalOnMissingBean
    public AccessTokenVerifier accessTokenVerifier(
            JWKSource<SecurityContext> ticketingJwkSource,
            TicketingSecurityProperties properties,
            ObjectProvider<Clock> clock) {
        return new AccessTokenVerifier(ticketingJwkSource, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * Spring Security observes each filter of its chain, authorization and the chain itself on every request: a
     * dozen observations per request that tell nothing the HTTP server's own observation does not (they were
     * about a twentieth of a service's CPU under load). With these settings it does not even wrap its filters to
     * ask (a predicate that refused them still left every filter wrapped, and each wrapper building its
     * observation's context and names: a few per cent of orders' and payments' samples with C2). The HTTP and
     * application observations stay.
     */
    @Bean
    public SecurityObservationSettings ticketingNoSecurityInternalsObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Present so Boot does not create an in-memory user with a generated password; nothing logs in here. */
    @Bean
    @ConditionalOnMissingBean
    public AuthenticationManager ticketingNoAuthenticationManager() {
        return authentication -> {
            throw new ProviderNotFoundException("Authentication is by access token only");
        };
    }

    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    public RequestRejectedHandler ticketingRequestRejectedHandler() {
        return ContractErrorResponses.notFound();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain ticketingSecurityFilterChain(
            HttpSecurity http, AccessTokenVerifier verifier, ObjectProvider<ProtectedRoutes> protectedRoutes)
            throws Exception {
        List<ProtectedRoutes.Route> routes = protectedRoutes
                .orderedStream()
                .flatMap(r -> r.routes().stream())
                .toList();
        return http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new AccessTokenFilter(verifier), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(ContractErrorResponses.notAuthorized())
                        .accessDeniedHandler(ContractErrorResponses.forbidden()))
                .authorizeHttpRequests(authorize -> {
                    authorize
                            .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                            .permitAll();
                    for (ProtectedRoutes.Route route : routes) {
                        authorize
                                .requestMatchers(PathPatternRequestMatcher.withDefaults()
                                        .matcher(route.method(), route.pattern()))
                                .authenticated();
                    }
                    authorize.anyRequest().permitAll();
                })
                .build();
    }

    @Bean
    public WebMvcConfigurer ticketingCurrentUserArgumentResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }
}
