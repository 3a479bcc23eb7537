package dev.ticketing.expiration;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules every service has that apply here. Expiration has no domain package and no controllers, so the other
 * services' rules about those have nothing to check; its one feature package is {@code timer}.
 */
@AnalyzeClasses(packages = "dev.ticketing.expiration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Each feature package can be understood, and moved, without the others that depend on it. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("dev.ticketing.expiration.(*)..")
            .should().beFreeOfCycles();
}
