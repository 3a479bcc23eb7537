package dev.ticketing.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Percentiles and distributions of latency samples (milliseconds). Exact: every sample is kept. */
final class Stats {

    /** Count, percentiles (nearest rank), max and mean, all in milliseconds; zeros when there are no samples. */
    record Summary(int count, double p50, double p90, double p99, double max, double mean) {

        static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0);
    }

    /** A point of an empirical distribution: {@code fraction} of the samples are at most {@code millis}. */
    record Point(double millis, double fraction) {}

    private Stats() {}

    static Summary summary(double[] samples) {
        if (samples.length == 0) {
            return Summary.NONE;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Summary(
                sorted.length,
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted[sorted.length - 1],
                Arrays.stream(sorted).sum() / sorted.length);
    }

    /**
     * The nearest-rank percentile of sorted samples: the smallest sample with at least {@code p} percent of the
     * samples at or below it. With 100 samples p99 is the 99th; with 20, the 20th (the max): too few to say more.
     */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (p <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    /**
     * The empirical distribution in at most {@code points} points, for a chart: every sample is a step of
     * 1/n, so equal samples collapse into one point and the tail keeps its detail.
     */
    static List<Point> distribution(double[] samples, int points) {
        if (samples.length == 0) {
            return List.of();
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        var result = new ArrayList<Point>();
        int n = sorted.length;
        int step = Math.max(1, n / points);
        for (int i = step - 1; i < n; i += step) {
            result.add(new Point(sorted[i], (i + 1) / (double) n));
        }
        if (result.getLast().fraction() < 1) {
            result.add(new Point(sorted[n - 1], 1.0));
        }
        // the tail beyond p99 is where the step above loses detail: add its samples one by one, at most 50
        int tailFrom = Math.max(0, n - Math.min(50, n / 100 + 1));
        for (int i = tailFrom; i < n - 1; i++) {
            result.add(new Point(sorted[i], (i + 1) / (double) n));
        }
        result.sort((a, b) -> Double.compare(a.fraction(), b.fraction()));
        return dedupe(result);
    }

    private static List<Point> dedupe(List<Point> sorted) {
        var result = new ArrayList<Point>();
        for (Point p : sorted) {
            if (!result.isEmpty() && result.getLast().fraction() == p.fraction()) {
                continue;
            }
            result.add(p);
        }
        return List.copyOf(result);
    }
}
