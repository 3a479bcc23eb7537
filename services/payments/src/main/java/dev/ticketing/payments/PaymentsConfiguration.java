package dev.ticketing.payments;

import dev.ticketing.platform.security.ProtectedRoutes;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every payments route needs a caller; anonymous calls get 401 before validation (docs/api.md). */
    @Bean
    ProtectedRoutes paymentsProtectedRoutes() {
        return ProtectedRoutes.of("POST /api/payments", "GET /api/payments/wallet", "GET /api/payments/earnings");
    }
}
