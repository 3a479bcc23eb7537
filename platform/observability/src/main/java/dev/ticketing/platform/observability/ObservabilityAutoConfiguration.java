package dev.ticketing.platform.observability;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Tracing for every service (decision 60): {@link SagaSpans}, and no observation (so no span, no trace) for what
 * is not a user's work: the launcher's and Kubernetes' probes of {@code /actuator/**} and scheduled sweeps, which
 * would otherwise each start a trace every second or two.
 */
@AutoConfiguration(after = {MicrometerTracingAutoConfiguration.class, NoopTracerAutoConfiguration.class})
public class ObservabilityAutoConfiguration {

    @Bean
    SagaSpans sagaSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new SagaSpans(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    ObservationPredicate ticketingNoScheduledTaskObservations() {
        return (name, context) -> !name.equals("tasks.scheduled.execution");
    }

    /** Only where servlet requests are observed. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = {
                "jakarta.servlet.http.HttpServletRequest",
                "org.springframework.http.server.observation.ServerRequestObservationContext"
            })
    static class ServletObservations {

        @Bean
        ObservationPredicate ticketingNoActuatorObservations() {
            return (name, context) -> !(context instanceof ServerRequestObservationContext request
                    && request.getCarrier() instanceof HttpServletRequest http
                    && http.getRequestURI().startsWith("/actuator"));
        }
    }
}
