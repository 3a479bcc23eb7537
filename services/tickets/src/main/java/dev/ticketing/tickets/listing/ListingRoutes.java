package dev.ticketing.tickets.listing;

import dev.ticketing.platform.security.ProtectedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The listing routes that need a caller, refused with 401 before MVC reads or validates anything. */
@Configuration(proxyBeanMethods = false)
class ListingRoutes {

    @Bean
    ProtectedRoutes listingProtectedRoutes() {
        return ProtectedRoutes.of(
                "GET " + ListingController.PATH + "/mine",
                "POST " + ListingController.PATH,
                "PUT " + ListingController.PATH + "/*");
    }
}
