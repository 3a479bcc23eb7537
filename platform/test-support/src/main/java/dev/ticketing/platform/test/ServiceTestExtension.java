package dev.ticketing.platform.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Creates the class's infrastructure before Spring starts and releases it after the class (it is
 * registered before Spring's extension, so its {@code afterAll} runs after the context is closed).
 * Test methods and constructors may take a {@link ClassInfrastructure} parameter.
 */
public final class ServiceTestExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        ClassInfrastructure.of(context.getRequiredTestClass());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassInfrastructure.release(context.getRequiredTestClass());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClassInfrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return ClassInfrastructure.of(context.getRequiredTestClass());
    }
}
