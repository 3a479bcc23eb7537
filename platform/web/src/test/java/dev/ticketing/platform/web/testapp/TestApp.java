package dev.ticketing.platform.web.testapp;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** A tiny service whose routes fail in every way the error contract covers. */
@SpringBootApplication
public class TestApp {

    /** A filter that fails outside Spring MVC, so the error reaches the container's {@code /error} dispatch. */
    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
        Filter filter = (request, response, chain) -> {
            throw new ServletException("boom in a filter: secret detail");
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/filter-failure");
        return registration;
    }
}
