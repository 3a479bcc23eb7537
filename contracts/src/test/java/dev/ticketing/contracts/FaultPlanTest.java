package dev.ticketing.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.FaultPlan.Mode;
import dev.ticketing.contracts.FaultPlan.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void readsOneOrManySteps() {
        assertThat(FaultPlan.parse("payment=crash").modeFor(Step.PAYMENT)).contains(Mode.CRASH);
        var plan = FaultPlan.parse("create=fail, reserve=timeout,payment=fail , delivery=crash");
        assertThat(plan.faults())
                .isEqualTo(Map.of(
                        Step.CREATE,
                        Mode.FAIL,
                        Step.RESERVE,
                        Mode.TIMEOUT,
                        Step.PAYMENT,
                        Mode.FAIL,
                        Step.DELIVERY,
                        Mode.CRASH));
    }

    @Test
    void ignoresCaseAndSpaces() {
        assertThat(FaultPlan.parse("  PAYMENT = Timeout ").has(Step.PAYMENT, Mode.TIMEOUT))
                .isTrue();
    }

    @Test
    void theLenientReaderSkipsWhatItDoesNotUnderstand() {
        var plan = FaultPlan.parse("payment, =fail, shipping=fail, payment=explode, delivery=fail=x,,reserve=crash");
        assertThat(plan.faults()).isEqualTo(Map.of(Step.RESERVE, Mode.CRASH));
    }

    @Test
    void theStrictReaderRefusesMalformedHeadersWithTheReason() {
        assertThat(strictError("create")).contains("'create' is not step=mode");
        assertThat(strictError("create=fail=now")).contains("is not step=mode");
        assertThat(strictError("reserve=crash, ship=fail")).contains("unknown step 'ship'");
        assertThat(strictError("create=explode")).contains("unknown mode 'explode'");
        assertThat(strictError("create=fail,")).contains("'' is not step=mode");
        assertThat(strictError("create=fail, create=crash")).contains("step 'create' given twice");
        assertThat(strictError("="))
                .startsWith("Invalid X-Fault-Injection header: unknown step ''")
                .endsWith(FaultPlan.SYNTAX);
        assertThat(FaultPlan.parseStrict(" create=crash ,RESERVE=Timeout, payment=fail,delivery=timeout ")
                        .faults())
                .hasSize(4);
    }

    private static String strictError(String header) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                FaultPlan.MalformedFaultPlan.class, () -> FaultPlan.parseStrict(header));
        assertThat(thrown).as(header).isNotNull();
        return thrown.getMessage();
    }

    @Test
    void theFirstModeOfAStepWins() {
        assertThat(FaultPlan.parse("payment=fail, payment=crash").modeFor(Step.PAYMENT))
                .contains(Mode.FAIL);
    }

    @Test
    void nothingMeansNoFaultsAndTheHeaderRoundTrips() {
        assertThat(FaultPlan.parse(null)).isEqualTo(FaultPlan.NONE);
        assertThat(FaultPlan.parseStrict("  ").isEmpty()).isTrue();
        assertThat(FaultPlan.NONE.header()).isEmpty();
        var plan = FaultPlan.parse("delivery=fail, reserve=crash");
        assertThat(plan.header()).contains("reserve=crash, delivery=fail");
        assertThat(FaultPlan.parseStrict(plan.header().orElseThrow())).isEqualTo(plan);
    }
}
