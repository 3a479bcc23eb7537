package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlashSaleTest {

    private static final long MS = 1_000_000L;
    private static final CpuMeter.Usage CPU = new CpuMeter.Usage(1, Map.of(), 0, 0, 0, 0, 2, Double.NaN, -1, -1);

    private static PurchaseResult sold(long finalAtMs) {
        return new PurchaseResult(0, 20 * MS, 21 * MS, 40 * MS, 201, finalAtMs * MS, "SUCCESS", null, 0);
    }

    private static PurchaseResult refused(String message) {
        return new PurchaseResult(0, 15 * MS, 0, 0, 0, 0, null, "create 400 " + message, 0);
    }

    @Test
    void exactlyTheUnitsSellAndTheRestAreRefusedAtOnce() {
        var results = new ArrayList<PurchaseResult>();
        for (int i = 0; i < 3; i++) {
            results.add(sold(100 + i));
        }
        for (int i = 0; i < 7; i++) {
            results.add(refused(FlashSale.SOLD_OUT));
        }

        FlashSale.Result result = FlashSale.summarise(10, 3, results, 0, CPU);

        assertThat(result.success()).isEqualTo(3);
        assertThat(result.soldOut()).isEqualTo(7);
        assertThat(result.other()).isEmpty();
        assertThat(result.allFinalSeconds()).isEqualTo(0.102);
        assertThat(result.refusal().max()).isEqualTo(15);
        assertThat(result.asExpected()).isTrue();
    }

    @Test
    void anyOtherEndingIsNamed() {
        var results = List.of(
                sold(100),
                new PurchaseResult(0, 20 * MS, 21 * MS, 40 * MS, 201, 31_000 * MS, "TIMEOUT", "outcome TIMEOUT", 0),
                refused("Too many unpaid orders"),
                refused(FlashSale.SOLD_OUT));

        FlashSale.Result result = FlashSale.summarise(4, 2, results, 0, CPU);

        assertThat(result.other())
                .containsOnly(Map.entry("outcome TIMEOUT", 1L), Map.entry("create 400 Too many unpaid orders", 1L));
        assertThat(result.allFinalSeconds()).isEqualTo(31);
        assertThat(result.asExpected()).isFalse();
    }
}
