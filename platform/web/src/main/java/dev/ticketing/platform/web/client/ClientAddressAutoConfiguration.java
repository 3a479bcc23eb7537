package dev.ticketing.platform.web.client;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@link ClientAddress} controller parameters, trusting {@code ticketing.client-address.trusted-proxies}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ClientAddressProperties.class)
public class ClientAddressAutoConfiguration {

    @Bean
    WebMvcConfigurer ticketingClientAddressArgumentResolver(ClientAddressProperties properties) {
        TrustedProxies proxies = TrustedProxies.of(properties.trustedProxies());
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ClientAddressArgumentResolver(proxies));
            }
        };
    }
}
