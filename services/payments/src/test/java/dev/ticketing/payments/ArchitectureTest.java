package dev.ticketing.payments;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.ticketing.contracts.OrderStatus;

@AnalyzeClasses(packages = "dev.ticketing.payments", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The features' domain packages ({@code orders.domain}, {@code payment.domain}, {@code wallet.domain}). */
    @ArchTest
    static final ArchRule domainIsFreeOfFrameworksAndAdapters = noClasses()
            .that().resideInAPackage("dev.ticketing.payments..domain..")
            .should().dependOnClassesThat(resideInAnyPackage(
                    "org.springframework..", "jakarta..", "java.sql..", "javax.sql..", "tools.jackson..",
                    "com.fasterxml..", "io.nats..", "dev.ticketing.platform..", "dev.ticketing.contracts..")
                    .or(resideInAPackage("dev.ticketing.payments..").and(not(resideInAPackage("..domain.."))))
                    // the one closed value of contracts the domain speaks: the order's status (decision 15)
                    .and(not(belongToAnyOf(OrderStatus.class))));

    @ArchTest
    static final ArchRule controllersDoNotTouchTheDatabase = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

    /** Each feature package can be understood, and moved, without the others that depend on it. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("dev.ticketing.payments.(*)..")
            .should().beFreeOfCycles();
}
