package dev.ticketing.auth;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.ticketing.auth", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The features' domain packages ({@code users.domain}, {@code tokens.domain}) speak only of each other. */
    @ArchTest
    static final ArchRule domainIsFreeOfFrameworksAndAdapters = noClasses()
            .that().resideInAPackage("dev.ticketing.auth..domain..")
            .should().dependOnClassesThat(resideInAnyPackage(
                    "org.springframework..", "jakarta.servlet..", "java.sql..", "javax.sql..",
                    "tools.jackson..", "com.nimbusds..", "io.nats..", "dev.ticketing.platform..")
                    .or(resideInAPackage("dev.ticketing.auth..").and(not(resideInAPackage("..domain..")))));

    @ArchTest
    static final ArchRule controllersDoNotTouchTheDatabase = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    /** Each feature package can be understood, and moved, without the others that depend on it. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("dev.ticketing.auth.(*)..")
            .should().beFreeOfCycles();
}
