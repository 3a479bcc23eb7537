package dev.ticketing.platform.test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package scheme every service follows (docs/architecture.md, "Inside a service"), as ArchUnit rules that each
 * service's {@code ArchitectureTest} declares with {@code @ArchTest}. They are written for one service's classes
 * ({@code @AnalyzeClasses(packages = "dev.ticketing.<service>")}, without tests):
 *
 * <ul>
 *   <li>{@code dev.ticketing.<service>} holds the application class, its configuration and its properties;</li>
 *   <li>below it are feature packages, free of cycles between them;</li>
 *   <li>a feature's pure domain model is in {@code <feature>.domain}: there is no service-wide domain package, and
 *       a domain class knows no framework, database, web or messaging, and no adapter of its service.</li>
 * </ul>
 *
 * A service without a domain model (web, expiration) passes the domain rules with nothing to check.
 */
public final class ServiceLayout {

    /** A service's root package, {@code dev.ticketing.<service>}, itself and not its feature packages. */
    private static final DescribedPredicate<JavaClass> IN_A_SERVICE_ROOT = DescribedPredicate.describe(
            "reside in a service's root package dev.ticketing.<service>",
            javaClass -> javaClass.getPackageName().matches("dev\\.ticketing\\.[^.]+"));

    /** What a domain class must not know: frameworks, the database, HTTP, JSON, messaging, tokens, metrics, traces. */
    private static final String[] FRAMEWORKS_AND_INFRASTRUCTURE = {
        "org.springframework..",
        "jakarta..",
        "javax.servlet..",
        "java.sql..",
        "javax.sql..",
        "org.postgresql..",
        "org.flywaydb..",
        "tools.jackson..",
        "com.fasterxml.jackson..",
        "io.nats..",
        "com.nimbusds..",
        "io.micrometer..",
        "io.opentelemetry..",
        "org.thymeleaf..",
        "java.net.http.."
    };

    /** A type of contracts that is not one of its closed values (an enum): an event record, a header, ... */
    private static final DescribedPredicate<JavaClass> CONTRACTS_BEYOND_CLOSED_VALUES =
            DescribedPredicate.describe("a type of dev.ticketing.contracts that is not an enum", javaClass -> {
                JavaClass type = javaClass.isArray() ? javaClass.getBaseComponentType() : javaClass;
                return type.getPackageName().equals("dev.ticketing.contracts") && !type.isEnum();
            });

    private ServiceLayout() {}

    /**
     * The rules every service declares, in one line: {@code @ArchTest static final ArchTests serviceLayout =
     * ArchTests.in(ServiceLayout.Rules.class);}. A service adds its stricter ones beside it.
     */
    public static final class Rules {

        @ArchTest
        static final ArchRule rootHoldsOnlyApplicationConfigurationAndProperties =
                rootHoldsOnlyApplicationConfigurationAndProperties();

        @ArchTest
        static final ArchRule noServiceWideDomainPackage = noServiceWideDomainPackage();

        @ArchTest
        static final ArchRule domainIsPlainJava = domainIsPlainJava();

        @ArchTest
        static final ArchRule controllersDoNotTouchTheDatabase = controllersDoNotTouchTheDatabase();

        @ArchTest
        static final ArchRule featurePackagesAreFreeOfCycles = featurePackagesAreFreeOfCycles();

        private Rules() {}
    }

    /**
     * Leaves out the code Spring AOT generates at build time ({@code OrdersApplication__BeanDefinitions},
     * {@code ..__ApplicationContextInitializer}, decision 41): it is written by the build, not by us, and sits in
     * whatever package the bean it registers is in. Declare it next to {@code DoNotIncludeTests}.
     */
    public static final class DoNotIncludeGeneratedCode implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("__");
        }
    }

    /** The root package holds only the application class, configuration and properties (and their nested types). */
    public static ArchRule rootHoldsOnlyApplicationConfigurationAndProperties() {
        return classes()
                .that(IN_A_SERVICE_ROOT)
                .should()
                .haveNameMatching("[\\w.]+\\.\\w*(Application|Configuration|Properties)(\\$.*)?")
                .because("everything else belongs to a feature package below the root");
    }

    /** No {@code dev.ticketing.<service>.domain}: a domain model belongs to the feature that owns it. */
    public static ArchRule noServiceWideDomainPackage() {
        return noClasses()
                .should()
                .resideInAPackage("dev.ticketing.*.domain..")
                .because("a domain model lives in <feature>.domain, next to the feature that owns it");
    }

    /**
     * A feature's domain is plain Java: no Spring, Jakarta (servlet, validation, ...), JDBC or PostgreSQL, JSON,
     * NATS, JWTs, metrics or traces, no platform module, nothing of its service outside the domain packages, and of
     * contracts only the closed values (its enums, decision 15), never a record of the wire. It may speak the domain
     * of another feature of its service. A service's own rule can narrow this further.
     */
    public static ArchRule domainIsPlainJava() {
        return noClasses()
                .that()
                .resideInAPackage("dev.ticketing..domain..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(FRAMEWORKS_AND_INFRASTRUCTURE)
                        .or(resideInAPackage("dev.ticketing..")
                                .and(not(resideInAnyPackage("dev.ticketing..domain..", "dev.ticketing.contracts.."))))
                        .or(CONTRACTS_BEYOND_CLOSED_VALUES))
                .because("the domain must stay free of frameworks and of the adapters around it")
                .allowEmptyShould(true);
    }

    /** Each feature package can be understood, and moved, without the others that depend on it. */
    public static ArchRule featurePackagesAreFreeOfCycles() {
        return slices().matching("dev.ticketing.(*).(*)..")
                .namingSlices("$1 feature $2")
                .should()
                .beFreeOfCycles();
    }

    /** Controllers never reach the database themselves: they call a use case or a query of their feature. */
    public static ArchRule controllersDoNotTouchTheDatabase() {
        return noClasses()
                .that()
                .haveSimpleNameEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .allowEmptyShould(true);
    }
}
