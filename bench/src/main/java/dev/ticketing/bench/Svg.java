package dev.ticketing.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line charts as inline SVG, so the report needs nothing from the network: throughput over time (linear axes)
 * and latency distributions (milliseconds on a log axis).
 */
final class Svg {

    /** One line: its name in the legend, its colour and its points (x, y). */
    record Series(String name, String colour, List<double[]> points) {}

    /**
     * @param logX    x on a log10 axis (latencies span 1 ms to seconds)
     * @param shadeTo x up to which the background is shaded (the warm-up), or NaN
     */
    record Chart(String xLabel, String yLabel, boolean logX, double shadeTo, List<Series> series) {}

    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 560;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 24;
    private static final int BOTTOM = 40;

    private Svg() {}

    static String render(Chart chart) {
        List<double[]> all = chart.series().stream()
                .flatMap(s -> s.points().stream())
                .filter(p -> !chart.logX() || p[0] > 0)
                .toList();
        var svg = new StringBuilder();
        svg.append(
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' font-size='11' font-family='sans-serif'>"
                        .formatted(WIDTH, HEIGHT, WIDTH, HEIGHT));
        if (all.isEmpty()) {
            return svg.append("<text x='20' y='40'>no samples</text></svg>").toString();
        }
        double xMin = chart.logX()
                ? Math.floor(
                        Math.log10(all.stream().mapToDouble(p -> p[0]).min().orElse(1)))
                : 0;
        double xMax = chart.logX()
                ? Math.ceil(Math.log10(all.stream().mapToDouble(p -> p[0]).max().orElse(10)))
                : all.stream().mapToDouble(p -> p[0]).max().orElse(1);
        if (xMax <= xMin) {
            xMax = xMin + 1;
        }
        // a rate gets headroom so a flat line does not hide in the frame; a distribution ends at exactly 1
        double yMax = niceCeiling(all.stream().mapToDouble(p -> p[1]).max().orElse(1) * (chart.logX() ? 1 : 1.15));
        var scale = new Scale(xMin, xMax, yMax, chart.logX());
        if (!Double.isNaN(chart.shadeTo()) && chart.shadeTo() > 0) {
            double x = scale.x(chart.shadeTo());
            svg.append("<rect x='%s' y='%d' width='%s' height='%d' fill='#eee'/>"
                    .formatted(f(LEFT), TOP, f(x - LEFT), HEIGHT - TOP - BOTTOM));
            svg.append("<text x='%s' y='%d' fill='#888'>warm-up</text>".formatted(f(LEFT + 4), TOP + 12));
        }
        axes(svg, chart, scale);
        for (Series s : chart.series()) {
            var path = new StringBuilder();
            for (double[] p : s.points()) {
                if (chart.logX() && p[0] <= 0) {
                    continue;
                }
                path.append(path.isEmpty() ? "M" : "L")
                        .append(f(scale.x(p[0])))
                        .append(',')
                        .append(f(scale.y(p[1])));
            }
            svg.append("<path d='%s' fill='none' stroke='%s' stroke-width='1.6'/>".formatted(path, s.colour()));
        }
        legend(svg, chart.series());
        return svg.append("</svg>").toString();
    }

    private record Scale(double xMin, double xMax, double yMax, boolean logX) {

        double x(double value) {
            double v = logX ? Math.log10(Math.max(value, 1e-9)) : value;
            return LEFT + (v - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return HEIGHT - BOTTOM - value / yMax * (HEIGHT - TOP - BOTTOM);
        }
    }

    private static void axes(StringBuilder svg, Chart chart, Scale scale) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(
                "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>".formatted(LEFT, bottom, WIDTH - RIGHT, bottom));
        svg.append("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>".formatted(LEFT, TOP, LEFT, bottom));
        for (double tick : xTicks(scale)) {
            double x = scale.x(tick);
            svg.append("<line x1='%s' y1='%d' x2='%s' y2='%d' stroke='#ddd'/>".formatted(f(x), TOP, f(x), bottom));
            svg.append("<text x='%s' y='%d' text-anchor='middle'>%s</text>".formatted(f(x), bottom + 14, label(tick)));
        }
        for (int i = 0; i <= 4; i++) {
            double value = scale.yMax() * i / 4;
            double y = scale.y(value);
            svg.append(
                    "<line x1='%d' y1='%s' x2='%d' y2='%s' stroke='#ddd'/>".formatted(LEFT, f(y), WIDTH - RIGHT, f(y)));
            svg.append("<text x='%d' y='%s' text-anchor='end'>%s</text>".formatted(LEFT - 4, f(y + 4), label(value)));
        }
        svg.append("<text x='%d' y='%d' text-anchor='middle'>%s</text>"
                .formatted((LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6, HtmlReport.escape(chart.xLabel())));
        svg.append("<text x='12' y='%d' text-anchor='middle' transform='rotate(-90 12 %d)'>%s</text>"
                .formatted((TOP + bottom) / 2, (TOP + bottom) / 2, HtmlReport.escape(chart.yLabel())));
    }

    private static List<Double> xTicks(Scale scale) {
        var ticks = new ArrayList<Double>();
        if (scale.logX()) {
            for (int e = (int) scale.xMin(); e <= (int) scale.xMax(); e++) {
                for (int m : new int[] {1, 2, 5}) {
                    double v = m * Math.pow(10, e);
                    if (Math.log10(v) <= scale.xMax() + 1e-9) {
                        ticks.add(v);
                    }
                }
            }
        } else {
            double step = niceCeiling(scale.xMax() / 8);
            for (double v = 0; v <= scale.xMax() + 1e-9; v += step) {
                ticks.add(v);
            }
        }
        return ticks;
    }

    /** Above the plot, where no line can hide it. */
    private static void legend(StringBuilder svg, List<Series> series) {
        int x = LEFT;
        for (Series s : series) {
            svg.append("<rect x='%d' y='8' width='10' height='3' fill='%s'/>".formatted(x, s.colour()));
            svg.append("<text x='%d' y='13'>%s</text>".formatted(x + 14, HtmlReport.escape(s.name())));
            x += 24 + 7 * s.name().length();
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= value - 1e-12) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, v < 1 ? "%.2f" : "%.1f", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
