package dev.ticketing.platform.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the few {@code TICKETING_*} switches of tracing and logging (docs/development.md, decision 60) into Boot's
 * own properties, as defaults that a service's configuration or an explicit {@code management.*} setting still
 * overrides:
 * <ul>
 *   <li>{@code TICKETING_TRACING=off}: the tracing auto-configurations are excluded outright, so no tracer, no span,
 *       no exporter thread exists; messages still carry the {@code traceparent} they came with (MDC, as before);</li>
 *   <li>{@code TICKETING_TRACING_SAMPLING} (default {@code 1.0}): the share of new traces recorded;</li>
 *   <li>{@code TICKETING_ZIPKIN_ENDPOINT}: export to that Zipkin ({@code .../api/v2/spans}), the launcher's local
 *       trace store; {@code TICKETING_OTLP_ENDPOINT}: export OTLP/HTTP there ({@code .../v1/traces}), an
 *       OpenTelemetry Collector on Kubernetes. Neither: spans are made (log correlation, tests) but not sent;</li>
 *   <li>{@code TICKETING_LOG_FORMAT=json}: one JSON object per line (Boot's structured logging, Logstash layout),
 *       each with {@code traceId} and {@code spanId}.</li>
 * </ul>
 * Spans leave in batches from one background thread ({@code schedule-delay} 1 s, so that a trace is in the store a
 * moment after the purchase, yet sent in few requests).
 */
final class TracingEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "ticketingTracingDefaults";
    static final List<String> TRACING_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.otlp.OtlpExemplarsAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.zipkin.ZipkinWithOpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration",
            "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration");
    /** We export traces only; logs go to stdout, metrics to /actuator/prometheus. */
    static final List<String> NEVER = List.of(
            "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
            "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        var excluded = new java.util.ArrayList<>(NEVER);
        if (!enabled(environment)) {
            excluded.addAll(TRACING_AUTO_CONFIGURATIONS);
        } else {
            defaults.put(
                    "management.tracing.sampling.probability",
                    environment.getProperty("TICKETING_TRACING_SAMPLING", "1.0"));
            String zipkin = environment.getProperty("TICKETING_ZIPKIN_ENDPOINT", "");
            defaults.put("management.tracing.export.zipkin.enabled", Boolean.toString(!zipkin.isBlank()));
            if (!zipkin.isBlank()) {
                defaults.put("management.tracing.export.zipkin.endpoint", zipkin);
            }
            String otlp = environment.getProperty("TICKETING_OTLP_ENDPOINT", "");
            defaults.put("management.tracing.export.otlp.enabled", Boolean.toString(!otlp.isBlank()));
            if (!otlp.isBlank()) {
                defaults.put("management.opentelemetry.tracing.export.otlp.endpoint", otlp);
            }
            defaults.put("management.opentelemetry.tracing.export.schedule-delay", "1s");
        }
        String existing = environment.getProperty("spring.autoconfigure.exclude", "");
        defaults.put(
                "spring.autoconfigure.exclude",
                existing.isBlank() ? String.join(",", excluded) : existing + "," + String.join(",", excluded));
        if ("json"
                .equalsIgnoreCase(
                        environment.getProperty("TICKETING_LOG_FORMAT", "").trim())) {
            defaults.put("logging.structured.format.console", "logstash");
        }
        // first: spring.autoconfigure.exclude must win over a lower source; the rest are plain defaults below it
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        SOURCE + "Exclusions",
                        Map.of("spring.autoconfigure.exclude", defaults.remove("spring.autoconfigure.exclude"))));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }

    /** Tracing is on unless {@code TICKETING_TRACING} says off (or false, 0, no). */
    static boolean enabled(ConfigurableEnvironment environment) {
        String value = environment.getProperty("TICKETING_TRACING", "on").trim().toLowerCase(Locale.ROOT);
        return !List.of("off", "false", "0", "no", "disabled").contains(value);
    }

    /** After the configuration files are read (so their values win), before logging is set up. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
