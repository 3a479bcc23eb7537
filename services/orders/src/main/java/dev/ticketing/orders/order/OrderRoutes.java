package dev.ticketing.orders.order;

import dev.ticketing.platform.security.ProtectedRoutes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every order route needs a caller: refused with 401 before MVC reads or validates anything. */
@Configuration(proxyBeanMethods = false)
class OrderRoutes {

    @Bean
    ProtectedRoutes orderProtectedRoutes() {
        return ProtectedRoutes.of(OrderController.PATH, OrderController.PATH + "/**");
    }
}
