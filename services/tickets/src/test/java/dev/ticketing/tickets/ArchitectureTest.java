package dev.ticketing.tickets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.ticketing.platform.test.ServiceLayout;

/**
 * The package scheme of every service (docs/architecture.md, "Inside a service"); tickets' domain is
 * {@code listing.domain} and {@code saga.domain}. The domain is plain Java: no Spring, no HTTP, no SQL, no messaging,
 * no adapters of its own service.
 */
@AnalyzeClasses(
        packages = "dev.ticketing.tickets",
        importOptions = {ImportOption.DoNotIncludeTests.class, ServiceLayout.DoNotIncludeGeneratedCode.class})
class ArchitectureTest {

    @ArchTest
    static final ArchTests serviceLayout = ArchTests.in(ServiceLayout.Rules.class);

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdkAndItself = classes()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "..domain..")
            .because("the domain must stay free of Spring and of the adapters around it")
            .allowEmptyShould(false);
}
