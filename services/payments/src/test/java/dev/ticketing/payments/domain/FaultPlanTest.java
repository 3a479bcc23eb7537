package dev.ticketing.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.payments.domain.FaultPlan.Mode;
import dev.ticketing.payments.domain.FaultPlan.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void parsesOneOrManySteps() {
        assertThat(FaultPlan.parse("payment=crash").modeFor(Step.PAYMENT)).contains(Mode.CRASH);
        FaultPlan plan = FaultPlan.parse("create=fail, reserve=timeout,payment=fail , delivery=crash");
        assertThat(plan.faults()).isEqualTo(Map.of(Step.CREATE, Mode.FAIL, Step.RESERVE, Mode.TIMEOUT,
                Step.PAYMENT, Mode.FAIL, Step.DELIVERY, Mode.CRASH));
    }

    @Test
    void isCaseAndSpaceInsensitive() {
        assertThat(FaultPlan.parse("  PAYMENT = Timeout ").modeFor(Step.PAYMENT)).contains(Mode.TIMEOUT);
    }

    @Test
    void ignoresUnknownAndMalformedParts() {
        FaultPlan plan = FaultPlan.parse("payment, =fail, shipping=fail, payment=explode, delivery=fail=x,,reserve=crash");
        assertThat(plan.faults()).isEqualTo(Map.of(Step.RESERVE, Mode.CRASH));
    }

    @Test
    void theFirstModeOfAStepWins() {
        assertThat(FaultPlan.parse("payment=fail, payment=crash").modeFor(Step.PAYMENT)).contains(Mode.FAIL);
    }

    @Test
    void nothingMeansNoFaults() {
        assertThat(FaultPlan.parse(null)).isEqualTo(FaultPlan.NONE);
        assertThat(FaultPlan.parse("  ")).isEqualTo(FaultPlan.NONE);
        assertThat(FaultPlan.parse("garbage").modeFor(Step.PAYMENT)).isEmpty();
    }
}
