package dev.ticketing.platform.web;

import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.JacksonModule;

/**
 * Wires the error contract of docs/api.md into every servlet service: the exception handler, the {@code /error}
 * fallback (registered before Boot's, which then backs off), the 64 KiB request body limit, one route for
 * {@code /x} and {@code /x/}, JSON for what Tomcat refuses on its own, and a 400 for request text PostgreSQL
 * could not store ({@link StorableText}).
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
        var registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(RequestBodyLimitFilter.MAX_BODY_BYTES));
        // first, so that no other filter reads an oversized body
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * {@code /api/x/} is the same route as {@code /api/x}, as in the original Express app. The request is wrapped
     * rather than redirected (a redirect would turn a POST into a GET in many clients), before Spring Security's
     * filter chain so that protected routes are matched on the same path.
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> ticketingTrailingSlashFilter() {
        UrlHandlerFilter filter =
                UrlHandlerFilter.trailingSlashHandler("/api/**").wrapRequest().build();
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Boot adds every {@link JacksonModule} bean to the mapper that reads request bodies. */
    @Bean
    JacksonModule ticketingStorableTextModule() {
        return new StorableTextModule();
    }

    @Bean
    WebMvcConfigurer ticketingQueryTextInterceptor() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new QueryTextInterceptor());
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Tomcat.class, TomcatServletWebServerFactory.class})
    static class TomcatErrorContractConfiguration {

        @Bean
        TomcatErrorContractCustomizer ticketingTomcatErrorContractCustomizer() {
            return new TomcatErrorContractCustomizer();
        }
    }
}
