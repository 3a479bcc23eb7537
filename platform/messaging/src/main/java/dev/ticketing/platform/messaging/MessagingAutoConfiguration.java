package dev.ticketing.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messaging for every service that depends on this module: the NATS connection, the streams, the transactional
 * {@link Outbox} and its relay, a durable consumer per {@link EventHandler} bean with inbox and dead letters.
 */
@AutoConfiguration(
        after = {
            DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class,
            FlywayAutoConfiguration.class
        })
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties({NatsProperties.class, MessagingProperties.class})
public class MessagingAutoConfiguration {

    static final String UNPUBLISHED_METRIC = "ticketing.messaging.outbox.unpublished";

    private final MessagingProperties properties;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    MessagingAutoConfiguration(
            MessagingProperties properties, DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.properties = properties;
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource); // joins the caller's transaction through DataSourceUtils
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Bean
    @ConditionalOnMissingBean
    Connection natsConnection(NatsProperties nats, Environment environment) throws IOException, InterruptedException {
        return NatsConnections.connect(nats, environment.getProperty("spring.application.name", "ticketing"));
    }

    @Bean
    StreamSetup messagingStreamSetup(Connection connection, NatsProperties nats) {
        return new StreamSetup(connection, jetStreamOptions(nats), nats.streamReplicas());
    }

    @Bean
    @ConditionalOnMissingBean
    TraceparentSupplier traceparentSupplier() {
        return Traceparents::fromMdc;
    }

    /** Spans when a real tracer is there (decision 60); the MDC's {@code traceparent} only otherwise. */
    @Bean
    MessageTracing messageTracing(
            ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, TraceparentSupplier traceparents) {
        Tracer real = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        if (real == null || real == Tracer.NOOP || propagation == null || propagation == Propagator.NOOP) {
            return new MdcMessageTracing(traceparents);
        }
        return new TracerMessageTracing(real, propagation);
    }

    @Bean
    PublishBeforeResponse publishBeforeResponse(ObjectProvider<OutboxRelay> relay) {
        return new PublishBeforeResponse(
                properties.publishBeforeResponse(), () -> relay.getObject().consecutiveFailures());
    }

    /**
     * The platform's tables are migrated from {@code V0_x}, below every service's own {@code V1...}: a platform
     * migration added later must still apply to a database whose service migrations already ran, so the two
     * sequences may interleave.
     */
    @Bean
    FlywayConfigurationCustomizer platformMigrationsMayArriveLater() {
        return configuration -> configuration.outOfOrder(true);
    }

    @Bean
    OutboxRelay outboxRelay(
            Connection connection,
            NatsProperties nats,
            StreamSetup streams,
            PublishBeforeResponse publishBeforeResponse,
            MessageTracing tracing,
            ObjectProvider<MeterRegistry> meterRegistry)
            throws IOException {
        JetStream jetStream = connection.jetStream(jetStreamOptions(nats));
        var relay = new OutboxRelay(
                jdbc,
                jetStream,
                streams,
                codec,
                properties,
                publishBeforeResponse::published,
                tracing,
                meters(meterRegistry));
        Gauge.builder(UNPUBLISHED_METRIC, relay, MessagingAutoConfiguration::unpublishedOrNaN)
                .description("Outbox rows not yet published to JetStream")
                .register(meters(meterRegistry));
        return relay;
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(
            OutboxRelay relay,
            PublishBeforeResponse publishBeforeResponse,
            MessageTracing tracing,
            ObjectProvider<Clock> clock) {
        return new JdbcOutbox(
                dataSource, codec, tracing, clock.getIfAvailable(Clock::systemUTC), relay, publishBeforeResponse);
    }

    @Bean
    DeadLetters deadLetters(ObjectProvider<MessagingMaintenance> maintenance) {
        return new DeadLetters(jdbc, codec, () -> maintenance.ifAvailable(MessagingMaintenance::wake));
    }

    @Bean
    AppliedEvents appliedEvents() {
        return new AppliedEvents(jdbc);
    }

    @Bean
    EventConsumers eventConsumers(
            ObjectProvider<EventHandler<?>> handlers,
            Connection connection,
            NatsProperties nats,
            StreamSetup streams,
            DeadLetters deadLetters,
            ObjectProvider<MeterRegistry> meterRegistry,
            Environment environment,
            AppliedEvents applied,
            MessageTracing tracing) {
        var processor = new InboundProcessor(
                inbox(), transactions, deadLetters, codec, properties, meters(meterRegistry), applied, tracing);
        List<EventHandler<?>> all = handlers.orderedStream().toList();
        List<String> retiredTypes = properties.retiredConsumers();
        // the name of every durable consumer, handled or retired; a service with neither needs none
        String application = all.isEmpty() && retiredTypes.isEmpty() ? "" : applicationName(environment);
        List<HandlerConsumer<?>> consumers = all.stream()
                .<HandlerConsumer<?>>map(
                        handler -> consumer(application, handler, connection, nats, streams, processor))
                .toList();
        var retired = new RetiredConsumers(connection, jetStreamOptions(nats), application, retiredTypes);
        return new EventConsumers(consumers, streams, retired, properties);
    }

    /** Always defined, switched at run time: Spring AOT would freeze a {@code @ConditionalOnProperty} at build time. */
    @Bean
    OtherInstancesListener otherInstancesListener(
            AppliedEvents applied, PublishBeforeResponse publishBeforeResponse, ObjectProvider<Clock> clock) {
        return new OtherInstancesListener(
                properties.signalOtherInstances(),
                new ListenerConnections(dataSource),
                applied,
                publishBeforeResponse::published,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    EventCatchUp eventCatchUp(EventConsumers consumers, Connection connection, AppliedEvents applied) {
        return new EventCatchUp(consumers, connection, applied, properties.catchUpTimeout());
    }

    /** Only a servlet web application has request threads to mark; the servlet API is optional here. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class PublishBeforeResponseConfiguration {

        @Bean
        PublishBeforeResponseFilter publishBeforeResponseFilter(PublishBeforeResponse publishBeforeResponse) {
            return new PublishBeforeResponseFilter(publishBeforeResponse);
        }
    }

    @Bean
    MessagingMaintenance messagingMaintenance(EventConsumers consumers) {
        var replayer = new DeadLetterReplayer(jdbc, transactions, inbox(), codec, consumers);
        return new MessagingMaintenance(replayer, new Housekeeping(jdbc, properties), consumers, properties);
    }

    private <T> HandlerConsumer<T> consumer(
            String application,
            EventHandler<T> handler,
            Connection connection,
            NatsProperties nats,
            StreamSetup streams,
            InboundProcessor processor) {
        return new HandlerConsumer<>(
                HandlerConsumer.durableName(application, handler),
                handler,
                connection,
                jetStreamOptions(nats),
                streams,
                processor,
                properties);
    }

    /** Every event recorded in the inbox notifies the other instances when the switch is on (decision 71). */
    private Inbox inbox() {
        return new Inbox(dataSource, properties.signalOtherInstances());
    }

    private static JetStreamOptions jetStreamOptions(NatsProperties nats) {
        return JetStreamOptions.builder().requestTimeout(nats.requestTimeout()).build();
    }

    private static MeterRegistry meters(ObjectProvider<MeterRegistry> registry) {
        return registry.getIfAvailable(() -> Metrics.globalRegistry);
    }

    private static String applicationName(Environment environment) {
        String name = environment.getProperty("spring.application.name");
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("spring.application.name must be set: it names the durable consumers");
        }
        return name;
    }

    private static double unpublishedOrNaN(OutboxRelay relay) {
        try {
            return relay.unpublished();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
