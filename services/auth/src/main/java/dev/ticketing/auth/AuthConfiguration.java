package dev.ticketing.auth;

import dev.ticketing.auth.throttle.HashingBulkhead;
import dev.ticketing.auth.users.domain.PasswordHasher;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PasswordHasher passwordHasher() {
        return new PasswordHasher(PasswordHasher.Parameters.MINIMUM);
    }

    @Bean
    HashingBulkhead hashingBulkhead(AuthProperties properties) {
        return new HashingBulkhead(
                properties.hashingConcurrency(), properties.hashingQueue(), properties.hashingMaxWait());
    }
}
