package dev.ticketing.tickets.saga.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void readsEveryStepAndMode() {
        FaultPlan plan = FaultPlan.parse("create=crash, reserve=fail,payment=timeout ,  delivery=crash");

        assertThat(plan.modes()).isEqualTo(Map.of(FaultStep.CREATE, FaultMode.CRASH, FaultStep.RESERVE,
                FaultMode.FAIL, FaultStep.PAYMENT, FaultMode.TIMEOUT, FaultStep.DELIVERY, FaultMode.CRASH));
        assertThat(plan.has(FaultStep.RESERVE, FaultMode.FAIL)).isTrue();
        assertThat(plan.has(FaultStep.RESERVE, FaultMode.CRASH)).isFalse();
        assertThat(plan.modeOf(FaultStep.PAYMENT)).contains(FaultMode.TIMEOUT);
    }

    @Test
    void isCaseInsensitive() {
        assertThat(FaultPlan.parse("Reserve=TIMEOUT").modeOf(FaultStep.RESERVE)).contains(FaultMode.TIMEOUT);
    }

    @Test
    void noHeaderOrABlankOneIsNoFault() {
        assertThat(FaultPlan.parse(null)).isEqualTo(FaultPlan.NONE);
        assertThat(FaultPlan.parse("  ")).isEqualTo(FaultPlan.NONE);
        assertThat(FaultPlan.NONE.modeOf(FaultStep.DELIVERY)).isEmpty();
    }

    @Test
    void ignoresMalformedPartsAndKeepsTheGoodOnes() {
        FaultPlan plan = FaultPlan.parse("reserve, delivery=explode, teleport=fail, =fail, payment=, "
                + "a=b=c, ,delivery=timeout");

        assertThat(plan.modes()).isEqualTo(Map.of(FaultStep.DELIVERY, FaultMode.TIMEOUT));
    }

    @Test
    void theFirstMentionOfAStepWins() {
        assertThat(FaultPlan.parse("delivery=fail, delivery=crash").modeOf(FaultStep.DELIVERY))
                .contains(FaultMode.FAIL);
    }
}
