package dev.ticketing.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Wires the error contract of api.md into every servlet service: the exception handler, the {@code /error}
 * fallback (registered before Boot's, which then backs off) and the 64 KiB request body limit.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlatformWebAutoConfiguration {

    @Bean
    ApiExceptionHandler ticketingApiExceptionHandler() {
        return new ApiExceptionHandler();
    }

    @Bean
    ApiErrorController ticketingApiErrorController(ErrorAttributes errorAttributes) {
        return new ApiErrorController(errorAttributes);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> ticketingRequestBodyLimitFilter() {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(RequestBodyLimitFilter.MAX_BODY_BYTES));
        // first, so that no other filter reads an oversized body
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
