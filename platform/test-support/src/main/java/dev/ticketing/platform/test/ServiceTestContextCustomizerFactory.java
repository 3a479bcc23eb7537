package dev.ticketing.platform.test;

import java.util.List;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Points the application under test at its class's database and nats-server, and its token verification at
 * the JVM's shared {@link TestJwtIssuer} (unless the test sets {@code ticketing.security.jwks-url} itself with
 * {@code @TestPropertySource} or {@code @SpringBootTest(properties = ...)}).
 */
public final class ServiceTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer(testClass);
    }

    private static final String JWKS_URL = "ticketing.security.jwks-url";

    /** True when the test itself sets the property (@TestPropertySource, @SpringBootTest(properties)). */
    private static boolean definedByTest(
            org.springframework.core.env.ConfigurableEnvironment environment, String property) {
        var source = environment
                .getPropertySources()
                .get(
                        org.springframework.test.context.support.TestPropertySourceUtils
                                .INLINED_PROPERTIES_PROPERTY_SOURCE_NAME);
        return source != null && source.containsProperty(property);
    }

    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration merged) {
            ClassInfrastructure infra = ClassInfrastructure.of(testClass);
            Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                    "spring.datasource.url", infra.jdbcUrl(),
                    "spring.datasource.username", dev.ticketing.platform.embedded.EmbeddedPostgresServer.SUPERUSER,
                    "spring.datasource.password", infra.postgres().superuserPassword(),
                    "ticketing.nats.url", infra.nats().url()));
            if (!definedByTest(context.getEnvironment(), JWKS_URL)) {
                properties.put(JWKS_URL, TestJwtIssuer.shared().jwksUrl());
            }
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("ticketing-test-infrastructure", properties));
        }
    }
}
