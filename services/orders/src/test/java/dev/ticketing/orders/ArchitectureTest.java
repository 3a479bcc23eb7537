package dev.ticketing.orders;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.ticketing.contracts.DeliveryFailure;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.contracts.PaymentFailure;
import dev.ticketing.contracts.ReservationRejection;
import dev.ticketing.platform.test.ServiceLayout;

/**
 * The package scheme of every service (docs/architecture.md, "Inside a service"); orders' domain is
 * {@code order.domain}. The domain is plain Java: no Spring, no HTTP, no SQL, no messaging, no adapters of its own
 * service. It speaks the closed values of contracts (status, outcome, the other steps' reasons: plain enums,
 * decision 15), nothing else of contracts.
 */
@AnalyzeClasses(
        packages = "dev.ticketing.orders",
        importOptions = {ImportOption.DoNotIncludeTests.class, ServiceLayout.DoNotIncludeGeneratedCode.class})
class ArchitectureTest {

    @ArchTest
    static final ArchTests serviceLayout = ArchTests.in(ServiceLayout.Rules.class);

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdkAndItself = classes()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage("java..", "..domain..")
                    .or(belongToAnyOf(
                            OrderStatus.class,
                            OrderOutcome.class,
                            ReservationRejection.class,
                            PaymentFailure.class,
                            DeliveryFailure.class)))
            .because("the domain must stay free of Spring and of the adapters around it")
            .allowEmptyShould(false);
}
