package dev.ticketing.payments;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.platform.test.ServiceLayout;

/**
 * The package scheme of every service (docs/architecture.md, "Inside a service"). Payments' domain is in
 * {@code orders.domain}, {@code payment.domain} and {@code wallet.domain}; {@code payment} sits on the other two.
 */
@AnalyzeClasses(
        packages = "dev.ticketing.payments",
        importOptions = {ImportOption.DoNotIncludeTests.class, ServiceLayout.DoNotIncludeGeneratedCode.class})
class ArchitectureTest {

    @ArchTest
    static final ArchTests serviceLayout = ArchTests.in(ServiceLayout.Rules.class);

    /** Of contracts, the domain speaks only the order's status (decision 15). */
    @ArchTest
    static final ArchRule domainSpeaksOnlyTheOrderStatusOfContracts = noClasses()
            .that()
            .resideInAPackage("dev.ticketing.payments..domain..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("dev.ticketing.contracts..").and(not(belongToAnyOf(OrderStatus.class))));
}
