package dev.ticketing.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** The TICKETING_* switches of decision 60, on a real Boot application with the platform's auto-configuration. */
@ExtendWith(OutputCaptureExtension.class)
class TracingEnvironmentTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    private static ConfigurableApplicationContext run(String... settings) {
        var application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        var args = new java.util.ArrayList<String>(java.util.List.of("--spring.application.name=orders"));
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return application.run(args.toArray(String[]::new));
    }

    @Test
    void withJsonLogsEveryLineWrittenInASpanIsOneJsonObjectWithItsTraceAndSpanIds(CapturedOutput output) {
        try (var context = run("TICKETING_LOG_FORMAT=json")) {
            Tracer tracer = context.getBean(Tracer.class);
            Span span = tracer.nextSpan().name("work").start();
            try (var ignored = tracer.withSpan(span)) {
                LoggerFactory.getLogger(TracingEnvironmentTest.class).info("a line of the purchase");
            } finally {
                span.end();
            }
            String line = output.getOut()
                    .lines()
                    .filter(l -> l.contains("a line of the purchase"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line)
                    .startsWith("{")
                    .endsWith("}")
                    .contains("\"traceId\":\"" + span.context().traceId() + "\"")
                    .contains("\"spanId\":\"" + span.context().spanId() + "\"");
        }
    }

    @Test
    void tracingIsOnAndRecordsEveryTraceByDefault() {
        try (var context = run()) {
            Tracer tracer = context.getBean(Tracer.class);
            Span span = tracer.nextSpan().name("work").start();
            assertThat(span.isNoop()).isFalse();
            assertThat(span.context().sampled()).isTrue();
            span.end();
            assertThat(context.getBeansOfType(SdkTracerProvider.class)).hasSize(1);
        }
    }

    /** Kubernetes: OTLP/HTTP to a Collector, sent with the JDK's HTTP client (OkHttp is not on the classpath). */
    @Test
    void withAnOtlpEndpointSpansArePostedThereInProtobuf() throws Exception {
        var received = new java.util.concurrent.LinkedBlockingQueue<String>();
        var collector = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try (var context = run("TICKETING_OTLP_ENDPOINT=http://127.0.0.1:"
                + collector.getAddress().getPort() + "/v1/traces")) {
            Tracer tracer = context.getBean(Tracer.class);
            tracer.nextSpan().name("exported-over-otlp").start().end();
            String request = received.poll(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(request)
                    .as("a batch arrived within 30 s")
                    .isNotNull()
                    .startsWith("application/x-protobuf")
                    .contains("exported-over-otlp")
                    .contains("orders");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void offLeavesNoTracerNoSpanAndNoExporter() {
        try (var context = run("TICKETING_TRACING=off")) {
            assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
            assertThat(context.getBeansOfType(SdkTracerProvider.class)).isEmpty();
            assertThat(context.getBean(SagaSpans.class).currentTraceparent()).isNull();
        }
    }
}
