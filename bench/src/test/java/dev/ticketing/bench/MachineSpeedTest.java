package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MachineSpeedTest {

    @Test
    void aWindowReadsTheMeanOfTheProbesBetweenItsTwoReadings() {
        var from = new MachineSpeed.Reading(10, 1_000_000);
        var to = new MachineSpeed.Reading(14, 5_000_000);

        assertThat(MachineSpeed.microsPerProbe(from, to)).isEqualTo(1000.0);
        assertThat(MachineSpeed.microsPerProbe(to, to))
                .as("no probe in between")
                .isNaN();
    }

    @Test
    void theWorkIsTheSameEveryTime() {
        assertThat(MachineSpeed.work()).isEqualTo(MachineSpeed.work());
    }

    @Test
    void theProbeRunsInTheBackgroundAndTakesSomeCpuTime() throws InterruptedException {
        MachineSpeed.Reading first = MachineSpeed.get().read();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        MachineSpeed.Reading later = first;
        while (later.probes() < first.probes() + 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            later = MachineSpeed.get().read();
        }

        assertThat(later.probes()).as("probes after 30 s at most").isGreaterThanOrEqualTo(first.probes() + 2);
        assertThat(MachineSpeed.microsPerProbe(first, later)).isPositive();
    }
}
