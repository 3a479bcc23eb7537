package dev.ticketing.platform.test;

import java.util.List;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Points the application under test at its class's database and nats-server. */
public final class ServiceTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer(testClass);
    }

    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration merged) {
            ClassInfrastructure infra = ClassInfrastructure.of(testClass);
            Map<String, Object> properties = Map.of(
                    "spring.datasource.url", infra.jdbcUrl(),
                    "spring.datasource.username", dev.ticketing.platform.embedded.EmbeddedPostgresServer.USER,
                    "spring.datasource.password", "",
                    "ticketing.nats.url", infra.nats().url());
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("ticketing-test-infrastructure", properties));
        }
    }
}
