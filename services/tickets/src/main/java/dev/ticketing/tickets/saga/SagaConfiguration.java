package dev.ticketing.tickets.saga;

import dev.ticketing.contracts.ProcessHalt;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SagaProperties.class, FaultProperties.class})
class SagaConfiguration {

    /** For the injected {@code reserve=crash} and {@code delivery=crash} faults. */
    @Bean
    ProcessHalt processHalt() {
        return ProcessHalt.runtime();
    }
}
