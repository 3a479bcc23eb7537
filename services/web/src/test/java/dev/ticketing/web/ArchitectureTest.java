package dev.ticketing.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The edge and the UI have no domain of their own; what they have is controllers, and packages that must not tangle. */
@AnalyzeClasses(packages = "dev.ticketing.web", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The UI never reads a database: whatever it shows comes from the public APIs (see ui/package-info). */
    @ArchTest
    static final ArchRule controllersDoNotTouchTheDatabase = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    /** Each feature package can be understood, and moved, without the others that depend on it. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("dev.ticketing.web.(*)..")
            .should().beFreeOfCycles();

    /** The same inside the UI: its features sit on the shared session, api and web packages, never the reverse. */
    @ArchTest
    static final ArchRule uiPackagesAreFreeOfCycles = slices()
            .matching("dev.ticketing.web.ui.(*)..")
            .should().beFreeOfCycles();
}
