package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Events.TicketReserved;
import dev.ticketing.contracts.Events.UserCreated;
import dev.ticketing.platform.test.Poll;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With a tracer (platform-observability, OpenTelemetry SDK), an event's publish and its handling are spans of the
 * trace that appended it, linked across NATS through the message's {@code traceparent}: work → publish (PRODUCER) →
 * handling (CONSUMER) → publish of what the handler appended → its handling. Spans go to an in-memory exporter.
 */
@dev.ticketing.platform.test.ServiceTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"spring.application.name=tracing-test", "TICKETING_TRACING_SAMPLING=1.0"})
class MessageTracingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(MessageTracingTest.class);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        /** Boot hands every SpanExporter bean to its batch span processor. */
        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }

        /** The first hop: handling USER.created appends TICKET.reserved (any event will do). */
        @Bean
        EventHandler<UserCreated> userCreated(Outbox outbox) {
            return EventHandler.of(Events.USER_CREATED, event -> {
                log.info("first hop handles {}", event.data().id());
                outbox.append(
                        Events.TICKET_RESERVED,
                        "listing-" + event.data().id(),
                        1,
                        new TicketReserved(
                                event.data().id(), "listing-" + event.data().id(), 1));
            });
        }

        /** The second hop ends the chain. */
        @Bean
        EventHandler<TicketReserved> ticketReserved() {
            return EventHandler.of(
                    Events.TICKET_RESERVED,
                    event -> log.info("second hop handles {}", event.data().orderId()));
        }
    }

    @Autowired
    Outbox outbox;

    @Autowired
    Tracer tracer;

    @Autowired
    InMemorySpanExporter exporter;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void anEventsPublishAndHandlingContinueTheTraceThatAppendedItAcrossNats(CapturedOutput output) {
        String user = "u-" + UUID.randomUUID();
        Span request = tracer.nextSpan().name("the request").start();
        try (var ignored = tracer.withSpan(request)) {
            new TransactionTemplate(transactionManager)
                    .executeWithoutResult(status ->
                            outbox.append(Events.USER_CREATED, user, 1, new UserCreated(user, user + "@example.com")));
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();

        List<SpanData> trace = Poll.until(
                "both hops' spans are exported",
                TIMEOUT,
                () -> exporter.getFinishedSpanItems().stream()
                        .filter(s -> s.getTraceId().equals(traceId))
                        .toList(),
                spans -> spans.stream()
                                .filter(s -> s.getKind() == SpanKind.CONSUMER)
                                .count()
                        == 2);

        SpanData publishUser = only(trace, "publish USER.created", SpanKind.PRODUCER);
        SpanData handleUser = only(trace, "process USER.created", SpanKind.CONSUMER);
        SpanData publishReserved = only(trace, "publish TICKET.reserved", SpanKind.PRODUCER);
        SpanData handleReserved = only(trace, "process TICKET.reserved", SpanKind.CONSUMER);
        assertThat(publishUser.getParentSpanId())
                .as("the publish is a child of the work that appended it")
                .isEqualTo(request.context().spanId());
        assertThat(handleUser.getParentSpanId())
                .as("the handling is a child of the publish, across NATS")
                .isEqualTo(publishUser.getSpanId());
        assertThat(publishReserved.getParentSpanId())
                .as("what the handler appended continues its span")
                .isEqualTo(handleUser.getSpanId());
        assertThat(handleReserved.getParentSpanId()).isEqualTo(publishReserved.getSpanId());
        assertThat(publishUser.getAttributes().asMap().toString())
                .contains("messaging.destination.name=USER.created." + user);
        assertThat(handleUser.getAttributes().asMap().toString())
                .contains("messaging.consumer.group.name=tracing-test-USER_created");
        assertThat(handleUser.getResource().getAttributes().asMap().toString())
                .as("spans carry the service's name")
                .contains("service.name=tracing-test");

        assertThat(output.getOut().lines().filter(line -> line.contains("first hop handles " + user)))
                .as("a log line written while handling carries the trace id")
                .singleElement()
                .satisfies(line -> assertThat(line).contains(traceId).contains(handleUser.getSpanId()));
    }

    private static SpanData only(List<SpanData> trace, String name, SpanKind kind) {
        return trace.stream()
                .filter(s -> s.getName().equals(name))
                .filter(s -> s.getKind() == kind)
                .reduce((a, b) -> {
                    throw new AssertionError("two spans " + name + " in " + trace);
                })
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + trace));
    }
}
