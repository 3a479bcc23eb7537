package dev.ticketing.tickets.purchase;

import dev.ticketing.platform.security.ProtectedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The e-ticket routes that need a caller. */
@Configuration(proxyBeanMethods = false)
class PurchaseRoutes {

    @Bean
    ProtectedRoutes purchaseProtectedRoutes() {
        return ProtectedRoutes.of("GET " + PurchasedTicketController.PATH);
    }
}
