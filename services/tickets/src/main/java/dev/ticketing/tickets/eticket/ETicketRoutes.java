package dev.ticketing.tickets.eticket;

import dev.ticketing.platform.security.ProtectedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The e-ticket routes that need a caller. */
@Configuration(proxyBeanMethods = false)
class ETicketRoutes {

    @Bean
    ProtectedRoutes eTicketProtectedRoutes() {
        return ProtectedRoutes.of("GET " + ETicketController.PATH);
    }
}
