package dev.ticketing.auth;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.ticketing.platform.test.ServiceLayout;

/**
 * The package scheme of every service (docs/architecture.md, "Inside a service"). Auth's domain is in
 * {@code users.domain} and {@code tokens.domain}; {@code users} sits on {@code tokens} and {@code throttle}.
 */
@AnalyzeClasses(
        packages = "dev.ticketing.auth",
        importOptions = {ImportOption.DoNotIncludeTests.class, ServiceLayout.DoNotIncludeGeneratedCode.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule rootHoldsOnlyApplicationConfigurationAndProperties =
            ServiceLayout.rootHoldsOnlyApplicationConfigurationAndProperties();

    @ArchTest
    static final ArchRule noServiceWideDomainPackage = ServiceLayout.noServiceWideDomainPackage();

    /** No Spring, servlet, SQL, JSON, JWT library, NATS or platform in the domain, and none of auth's adapters. */
    @ArchTest
    static final ArchRule domainIsPlainJava = ServiceLayout.domainIsPlainJava();

    @ArchTest
    static final ArchRule controllersDoNotTouchTheDatabase = ServiceLayout.controllersDoNotTouchTheDatabase();

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = ServiceLayout.featurePackagesAreFreeOfCycles();
}
