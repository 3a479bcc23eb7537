package dev.ticketing.web;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.ticketing.platform.test.ServiceLayout;

/**
 * The package scheme of every service (docs/architecture.md, "Inside a service"). The edge and the UI have no domain
 * of their own, so the domain rules have nothing to check; what they have is controllers, and packages that must not
 * tangle: {@code ui/<feature>} are the UI's features.
 */
@AnalyzeClasses(
        packages = "dev.ticketing.web",
        importOptions = {ImportOption.DoNotIncludeTests.class, ServiceLayout.DoNotIncludeGeneratedCode.class})
class ArchitectureTest {

    @ArchTest
    static final ArchTests serviceLayout = ArchTests.in(ServiceLayout.Rules.class);

    /** The same inside the UI: its features sit on the shared session, api and web packages, never the reverse. */
    @ArchTest
    static final ArchRule uiPackagesAreFreeOfCycles =
            slices().matching("dev.ticketing.web.ui.(*)..").should().beFreeOfCycles();
}
