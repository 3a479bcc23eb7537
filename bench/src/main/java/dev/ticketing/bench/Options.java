package dev.ticketing.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one {@code ./ticketing bench} run does. Every figure is bounded, so a run always ends: a few minutes by
 * default, well under one with {@code --quick}.
 *
 * @param scenarios     which of spread, hot and flash to run
 * @param loads         closed loop (fixed concurrency), open loop (fixed arrival rate) or both
 * @param warmup        load before each measured window, discarded (the previous window's backlog, the pools)
 * @param firstWarmup   load before the run's first measured window instead, if longer: the JVMs of a freshly
 *                      started stack compile the purchase path for about three minutes of load (C2), during which
 *                      a purchase costs up to twice as much CPU
 * @param duration      the measured window of each scenario and load
 * @param concurrency   closed loop: purchases in flight at once; also the baseline's number of JDBC clients
 * @param rate          open loop: purchases started per second; 0 means half the closed loop's rate of this run
 * @param listings      spread: listings the purchases are spread over (one-transaction baseline: the same)
 * @param flashBuyers   flash sale: buyers starting at once
 * @param flashUnits    flash sale: units for sale, fewer than buyers
 * @param baseline      also measure the one-transaction baseline
 * @param quick         the short variant (changes the defaults above, not explicit options)
 */
record Options(
        Set<Scenario> scenarios,
        Set<Load> loads,
        Duration warmup,
        Duration firstWarmup,
        Duration duration,
        int concurrency,
        double rate,
        int listings,
        int flashBuyers,
        int flashUnits,
        boolean baseline,
        boolean quick) {

    enum Scenario {
        SPREAD,
        HOT,
        FLASH
    }

    enum Load {
        CLOSED,
        OPEN
    }

    /** Longest measured window: access tokens live 15 minutes and every window must fit a run in them. */
    static final Duration MAX_DURATION = Duration.ofMinutes(2);
    /** Longest first warm-up: C2 needs about three minutes of load on two cores (docs/decisions/0079). */
    static final Duration MAX_FIRST_WARMUP = Duration.ofMinutes(5);

    static final String USAGE = """
            Usage: ./ticketing bench [options]

              --quick                 short run: 2 s warm-up, 4 s windows, a 40-buyer flash sale for 10 units
              --scenario S            spread | hot | flash | all (default all; may be repeated or comma-separated)
              --load L                closed | open | both (default both)
              --duration D            measured window per scenario and load (default 20s, quick 4s; at most 2m)
              --warmup D              load before each window, not measured (default 5s, quick 2s)
              --first-warmup D        load before the first window instead, if longer: a fresh stack's JVMs are
                                      still compiling (default 3m, quick 2s; at most 5m)
              --concurrency N         closed loop: purchases in flight; baseline: JDBC clients (default 16)
              --rate R                open loop: purchases started per second (default: half the closed loop's
                                      rate measured just before, i.e. "latency at half the maximum rate")
              --listings N            spread: listings to spread over (default 50)
              --flash-buyers N        flash sale: buyers all starting at once (default 300, quick 40)
              --flash-units M         flash sale: units for sale, M < N (default 100, quick 10)
              --no-baseline           skip the one-transaction baseline
              --help                  this text

            Durations: 500ms, 20s, 2m. Output: <data dir>/bench/<timestamp>/bench.json and report.html.
            """;

    static Options parse(List<String> args) {
        boolean quick = args.contains("--quick");
        Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
        Set<Load> loads = EnumSet.of(Load.CLOSED, Load.OPEN);
        Duration warmup = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        Duration firstWarmup = quick ? Duration.ofSeconds(2) : Duration.ofMinutes(3);
        Duration duration = quick ? Duration.ofSeconds(4) : Duration.ofSeconds(20);
        int concurrency = 16;
        double rate = 0;
        int listings = 50;
        int flashBuyers = quick ? 40 : 300;
        int flashUnits = quick ? 10 : 100;
        boolean baseline = true;
        var rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            switch (option) {
                case "--quick" -> {}
                case "--no-baseline" -> baseline = false;
                case "--scenario" -> scenarios.addAll(scenarios(value(option, rest)));
                case "--load" -> loads = loads(value(option, rest));
                case "--duration" -> duration = duration(option, value(option, rest));
                case "--warmup" -> warmup = duration(option, value(option, rest));
                case "--first-warmup" -> firstWarmup = duration(option, value(option, rest));
                case "--concurrency" -> concurrency = positive(option, value(option, rest));
                case "--rate" -> rate = positiveRate(value(option, rest));
                case "--listings" -> listings = positive(option, value(option, rest));
                case "--flash-buyers" -> flashBuyers = positive(option, value(option, rest));
                case "--flash-units" -> flashUnits = positive(option, value(option, rest));
                default -> throw new IllegalArgumentException("Unknown option " + option);
            }
        }
        if (scenarios.isEmpty()) {
            scenarios = EnumSet.allOf(Scenario.class);
        }
        if (duration.compareTo(MAX_DURATION) > 0 || duration.isZero()) {
            throw new IllegalArgumentException(
                    "--duration must be above 0 and at most " + MAX_DURATION.toSeconds() + "s");
        }
        if (warmup.compareTo(MAX_DURATION) > 0 || warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup must be between 0 and " + MAX_DURATION.toSeconds() + "s");
        }
        if (firstWarmup.compareTo(MAX_FIRST_WARMUP) > 0 || firstWarmup.isNegative()) {
            throw new IllegalArgumentException(
                    "--first-warmup must be between 0 and " + MAX_FIRST_WARMUP.toSeconds() + "s");
        }
        if (!loads.contains(Load.CLOSED) && rate == 0) {
            throw new IllegalArgumentException(
                    "--load open needs --rate (by default it is half the closed loop's rate)");
        }
        if (flashUnits >= flashBuyers) {
            throw new IllegalArgumentException(
                    "--flash-units must be below --flash-buyers (a sale with more buyers than units)");
        }
        if (concurrency > 1000 || flashBuyers > 2000) {
            throw new IllegalArgumentException("--concurrency is at most 1000 and --flash-buyers at most 2000");
        }
        return new Options(
                scenarios,
                loads,
                warmup,
                firstWarmup,
                duration,
                concurrency,
                rate,
                listings,
                flashBuyers,
                flashUnits,
                baseline,
                quick);
    }

    boolean runs(Scenario scenario) {
        return scenarios.contains(scenario);
    }

    boolean runs(Load load) {
        return loads.contains(load);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static Set<Scenario> scenarios(String value) {
        Set<Scenario> result = EnumSet.noneOf(Scenario.class);
        for (String name : value.split(",")) {
            if (name.trim().equalsIgnoreCase("all")) {
                result.addAll(EnumSet.allOf(Scenario.class));
            } else {
                result.add(named(Scenario.class, name, "--scenario takes spread, hot, flash or all"));
            }
        }
        return result;
    }

    private static Set<Load> loads(String value) {
        if (value.equalsIgnoreCase("both")) {
            return EnumSet.allOf(Load.class);
        }
        return EnumSet.of(named(Load.class, value, "--load takes closed, open or both"));
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name, String message) {
        try {
            return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(message + ": " + name, e);
        }
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not a whole number: " + value, e);
        }
    }

    private static double positiveRate(String value) {
        try {
            double r = Double.parseDouble(value);
            if (!(r > 0) || r > 100_000) {
                throw new IllegalArgumentException("--rate must be above 0 and at most 100000: " + value);
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate is not a number: " + value, e);
        }
    }

    /** {@code 500ms}, {@code 20s}, {@code 2m}, or a bare number of seconds. */
    static Duration duration(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not a duration (500ms, 20s, 2m): " + value, e);
        }
    }

    /** The options spelled out, for bench.json and the report. */
    Map<String, Object> describe() {
        var settings = new LinkedHashMap<String, Object>();
        settings.put("quick", quick());
        settings.put(
                "scenarios",
                scenarios().stream().map(s -> s.name().toLowerCase()).toList());
        settings.put("loads", loads().stream().map(l -> l.name().toLowerCase()).toList());
        settings.put("warmupSeconds", warmup().toMillis() / 1000.0);
        settings.put("firstWarmupSeconds", firstWarmup().toMillis() / 1000.0);
        settings.put("durationSeconds", duration().toMillis() / 1000.0);
        settings.put("concurrency", concurrency());
        settings.put("rate", rate() > 0 ? rate() : "half the closed loop's rate");
        settings.put("listings", listings());
        settings.put("flashBuyers", flashBuyers());
        settings.put("flashUnits", flashUnits());
        settings.put("baseline", baseline());
        settings.put("price", Market.PRICE);
        return settings;
    }
}
