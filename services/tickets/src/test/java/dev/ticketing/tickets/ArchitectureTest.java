package dev.ticketing.tickets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain is plain Java: no Spring, no HTTP, no SQL, no messaging, no adapters of its own service. */
@AnalyzeClasses(packages = "dev.ticketing.tickets", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdkAndItself = classes()
            .that().resideInAPackage("..domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "..domain..")
            .because("the domain must stay free of Spring and of the adapters around it")
            .allowEmptyShould(false);

    /** Each feature package can be understood, and moved, without the others that depend on it. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("dev.ticketing.tickets.(*)..")
            .should().beFreeOfCycles();
}
