package dev.ticketing.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    private static double[] oneTo(int n) {
        return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }

    @Test
    void percentilesAreNearestRank() {
        double[] hundred = oneTo(100);

        assertThat(Stats.percentile(hundred, 50)).isEqualTo(50);
        assertThat(Stats.percentile(hundred, 90)).isEqualTo(90);
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
        assertThat(Stats.percentile(hundred, 0)).isEqualTo(1);
    }

    @Test
    void withFewSamplesTheHighPercentilesAreTheMaximum() {
        double[] twenty = oneTo(20);

        assertThat(Stats.percentile(twenty, 99)).isEqualTo(20);
        assertThat(Stats.percentile(twenty, 90)).isEqualTo(18);
        assertThat(Stats.percentile(new double[] {7}, 50)).isEqualTo(7);
    }

    @Test
    void aSummaryDoesNotCareAboutOrder() {
        double[] shuffled = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};

        Stats.Summary summary = Stats.summary(shuffled);

        assertThat(summary).isEqualTo(new Stats.Summary(10, 5, 9, 10, 10, 5.5));
        assertThat(shuffled[0]).as("the samples are left as they were").isEqualTo(5);
    }

    @Test
    void noSamplesGiveAnEmptySummary() {
        assertThat(Stats.summary(new double[0])).isEqualTo(Stats.Summary.NONE);
        assertThat(Stats.distribution(new double[0], 10)).isEmpty();
        assertThatThrownBy(() -> Stats.percentile(new double[0], 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDistributionRisesToOneAndKeepsTheTail() {
        List<Stats.Point> points = Stats.distribution(oneTo(10_000), 100);

        assertThat(points.size()).isBetween(100, 160);
        assertThat(points.getLast()).isEqualTo(new Stats.Point(10_000, 1.0));
        assertThat(points).isSortedAccordingTo((a, b) -> Double.compare(a.fraction(), b.fraction()));
        assertThat(points).extracting(Stats.Point::millis).contains(9_990.0, 9_999.0);
    }

    @Test
    void equalSamplesAreOneStep() {
        assertThat(Stats.distribution(new double[] {3, 3, 3, 3}, 200))
                .containsExactly(
                        new Stats.Point(3, 0.25),
                        new Stats.Point(3, 0.5),
                        new Stats.Point(3, 0.75),
                        new Stats.Point(3, 1.0));
    }
}
