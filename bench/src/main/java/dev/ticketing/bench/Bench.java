package dev.ticketing.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One benchmark run against the running stack: people and listings first, then each scenario under closed and
 * open load, the one-transaction baseline, the flash sale, and the dead-letter check once every consumer has
 * drained. Writes bench.json and report.html and prints the summary.
 */
final class Bench {

    /** Sellers of the spread listings; each scenario has sellers of its own so their wallets tell them apart. */
    static final int SPREAD_SELLERS = 4;
    /** Hot listings, each up to 10,000 units, used one after the other (see {@link Listings#hot}). */
    static final int HOT_LISTINGS = 4;
    /** Buyers the open loop can spread purchases over, at {@link BuyerSlots#PER_BUYER} each. */
    static final int OPEN_LOOP_BUYERS = 32;
    /** Tokens live 15 minutes: fetched again before a window when older than this. */
    static final Duration TOKEN_REFRESH_AGE = Duration.ofMinutes(11);
    /** How long dead letters may still appear after the load: the last redelivery of the default backoff + margin. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
    /** Before each window the consumers catch up with the last one, so one window's backlog does not bleed into the next. */
    static final Duration QUIESCE_TIMEOUT = Duration.ofSeconds(30);

    private final Options options;
    private final StackInfo stack;
    private final Console console;
    private final List<String> notes = new ArrayList<>();

    Bench(Options options, StackInfo stack, Console console) {
        this.options = options;
        this.stack = stack;
        this.console = console;
    }

    BenchResult run(Map<String, Object> environment) throws Exception {
        Instant startedAt = Instant.now();
        var api = new Api(stack.webUrl());
        var cpu = new CpuMeter(stack.pids(), new DatabaseTransactions(stack)::count);
        var deadLetters = new DeadLetters(stack);
        List<DeadLetters.Letter> lettersBefore = deadLetters.all();
        if (!lettersBefore.isEmpty()) {
            notes.add(lettersBefore.size() + " dead letter(s) were already parked before the run (not counted)");
        }
        try (FinalStates finals = finalStates(api)) {
            var purchases = new Purchases(api, finals);
            var population =
                    new Population(api, stack.dataDir().resolve("bench").resolve("people"));
            Population.People people = people(population);

            var windows = new ArrayList<WindowResult>();
            var window = new LoadWindow(purchases, cpu, console);
            List<String> spread = List.of();
            if (options.runs(Options.Scenario.SPREAD)) {
                console.say(
                        "Listing %d listings of %d units for the spread scenario...",
                        options.listings(), Listings.MAX_UNITS);
                spread = Market.list(
                        api,
                        people.sellers().subList(0, SPREAD_SELLERS),
                        options.listings(),
                        Listings.MAX_UNITS,
                        "Bench spread");
                people = loads(population, people, window, "spread", Listings.spread(spread), spread.size(), windows);
            }
            if (options.runs(Options.Scenario.HOT)) {
                List<String> hot = Market.list(
                        api,
                        List.of(people.sellers().get(SPREAD_SELLERS)),
                        HOT_LISTINGS,
                        Listings.MAX_UNITS,
                        "Bench hot");
                people = loads(population, people, window, "hot", Listings.hot(hot), 1, windows);
            }

            List<Baseline.Result> baselines = baselines(cpu);
            Map<String, Double> ratios = ratios(windows, baselines);

            FlashSale.Result flash = null;
            if (options.runs(Options.Scenario.FLASH)) {
                people = population.refreshIfOlderThan(TOKEN_REFRESH_AGE, people);
                flash = flash(api, purchases, cpu, people);
            }

            console.say("Waiting until every consumer has drained, then counting dead letters...");
            List<String> undrained = quiesce("the end of the run", DRAIN_TIMEOUT);
            List<DeadLetters.Letter> added = DeadLetters.added(lettersBefore, deadLetters.all());
            List<Targets.Target> targets =
                    Targets.evaluate(windows, ratios, options.rate() > 0, Optional.ofNullable(flash), added.size());
            environment.put("loadAverageAfter", Environment.loadAverage());
            notes.add("Prices are " + Market.PRICE + " credits, so no wallet runs dry; payments refused for funds "
                    + "show as failures \"pay 400 Insufficient funds\".");
            return new BenchResult(
                    startedAt.toString(),
                    Instant.now().toString(),
                    options.describe(),
                    environment,
                    finals.source(),
                    windows,
                    baselines,
                    ratios,
                    flash,
                    added,
                    undrained,
                    targets,
                    List.copyOf(notes));
        }
    }

    /**
     * Waits until no durable consumer has work left (at most {@code timeout}); notes how long that took if it was
     * not at once. Returns the consumers still busy (or why they could not be checked).
     */
    private List<String> quiesce(String before, Duration timeout) {
        try {
            ConsumersDrained.Drain drain = ConsumersDrained.await(stack, timeout, console);
            if (!drain.remaining().isEmpty()) {
                console.say(
                        "  consumers still busy after %.0f s, going on with %s: %s",
                        drain.seconds(), before, drain.remaining());
                notes.add("%s began while consumers were still busy after waiting %.0f s: %s (at first: %s)"
                        .formatted(capitalized(before), drain.seconds(), drain.remaining(), drain.atFirst()));
            } else if (!drain.atFirst().isEmpty()) {
                console.say("  consumers drained after %.1f s (before %s)", drain.seconds(), before);
                notes.add("Before %s, consumers took %.1f s to drain; busy at first: %s"
                        .formatted(before, drain.seconds(), drain.atFirst()));
            }
            return drain.remaining().stream()
                    .map(ConsumersDrained.Busy::toString)
                    .toList();
        } catch (IOException | io.nats.client.JetStreamApiException | RuntimeException e) {
            notes.add("Could not check the consumers before " + before + ": " + e.getMessage());
            return List.of("not checked: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private FinalStates finalStates(Api api) {
        try {
            return NatsFinalStates.connect(stack);
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            notes.add("NATS was unreachable (" + reason + "): final states were polled through the API, which loads "
                    + "the system; these figures are not comparable with a run that subscribed.");
            console.say("NATS unreachable (%s): falling back to polling GET /api/orders/{id}", reason);
            return new PollingFinalStates(api, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Population.People people(Population population) {
        int buyers = Math.max(options.concurrency(), OPEN_LOOP_BUYERS);
        if (options.runs(Options.Scenario.FLASH)) {
            buyers = Math.max(buyers, options.flashBuyers());
        }
        int sellers = SPREAD_SELLERS + 2; // spread, then one for hot and one for the flash sale
        int total = buyers + sellers;
        console.say(
                "Signing up (or, if an earlier run did, signing in) %d buyers and %d sellers (Argon2 hashing, %d at "
                        + "a time; not part of any figure)...",
                buyers, sellers, Population.AT_ONCE);
        long start = System.nanoTime();
        int step = Math.max(1, total / 5);
        Population.People people = population.create(buyers, sellers, done -> {
            if (done % step == 0 && done < total) {
                console.say("  %d/%d people", done, total);
            }
        });
        console.say("  %d people in %.1f s", total, (System.nanoTime() - start) / 1e9);
        return people;
    }

    /** The closed loop, then the open loop at half the closed loop's rate (or --rate). */
    private Population.People loads(
            Population population,
            Population.People people,
            LoadWindow window,
            String scenario,
            Listings listings,
            int listingCount,
            List<WindowResult> windows) {
        double closedRate = 0;
        if (options.runs(Options.Load.CLOSED)) {
            people = population.refreshIfOlderThan(TOKEN_REFRESH_AGE, people);
            quiesce("the " + scenario + " closed loop", QUIESCE_TIMEOUT);
            Duration warmup = warmupBefore(windows);
            console.say(
                    "%s, closed loop: %d purchases in flight, %.0f s warm-up + %.0f s measured",
                    scenario, options.concurrency(), seconds(warmup), seconds(options.duration()));
            WindowResult closed = window.closed(
                    scenario,
                    people.buyers(),
                    listings,
                    listingCount,
                    options.concurrency(),
                    warmup,
                    options.duration());
            windows.add(closed);
            closedRate = closed.purchasesPerSecond();
            console.say("  → %.1f purchases/s", closedRate);
        }
        if (options.runs(Options.Load.OPEN)) {
            double rate = options.rate() > 0 ? options.rate() : closedRate / 2;
            if (rate <= 0) {
                notes.add(scenario + ": the open loop did not run: the closed loop completed nothing to take half of");
                return people;
            }
            people = population.refreshIfOlderThan(TOKEN_REFRESH_AGE, people);
            quiesce("the " + scenario + " open loop", QUIESCE_TIMEOUT);
            console.say(
                    "%s, open loop: %.1f purchases started per second%s",
                    scenario, rate, options.rate() > 0 ? "" : " (half the closed loop's rate)");
            windows.add(window.open(
                    scenario,
                    new BuyerSlots(people.buyers()),
                    listings,
                    listingCount,
                    rate,
                    warmupBefore(windows),
                    options.duration()));
        }
        return people;
    }

    /** The warm-up before the next window: the first one also lets a fresh stack's JVMs compile the path. */
    private Duration warmupBefore(List<WindowResult> windowsSoFar) {
        return windowsSoFar.isEmpty() ? max(options.warmup(), options.firstWarmup()) : options.warmup();
    }

    private List<Baseline.Result> baselines(CpuMeter cpu) throws SQLException, InterruptedException {
        var markets = new ArrayList<Baseline.Market>();
        if (options.runs(Options.Scenario.SPREAD)) {
            var listings = new ArrayList<UUID>();
            for (int i = 0; i < options.listings(); i++) {
                listings.add(UUID.randomUUID());
            }
            var sellers = new ArrayList<String>();
            for (int i = 0; i < SPREAD_SELLERS; i++) {
                sellers.add("seller-spread-" + i);
            }
            markets.add(new Baseline.Market("spread", List.copyOf(listings), List.copyOf(sellers)));
        }
        if (options.runs(Options.Scenario.HOT)) {
            markets.add(new Baseline.Market("hot", List.of(UUID.randomUUID()), List.of("seller-hot")));
        }
        if (!options.baseline() || markets.isEmpty()) {
            return List.of();
        }
        // PostgreSQL alone warms up fast and its rate is steady: a shorter window than the services' will do
        Duration warmup = min(options.warmup(), Duration.ofSeconds(options.quick() ? 1 : 2));
        Duration duration = min(options.duration(), Duration.ofSeconds(options.quick() ? 3 : 10));
        var results = new ArrayList<Baseline.Result>();
        quiesce("the baseline", QUIESCE_TIMEOUT);
        try (Baseline baseline = Baseline.create(stack, options.concurrency(), markets)) {
            for (Baseline.Market market : markets) {
                console.say(
                        "Baseline %s: the same writes as one transaction, %d JDBC clients, %d listing(s), "
                                + "%.0f s warm-up + %.0f s measured",
                        market.name(),
                        options.concurrency(),
                        market.listings().size(),
                        seconds(warmup),
                        seconds(duration));
                Baseline.Result result = baseline.run(market, options.concurrency(), warmup, duration, cpu, console);
                console.say("  → %.0f transactions/s", result.tps());
                results.add(result);
            }
        }
        return results;
    }

    private static Map<String, Double> ratios(List<WindowResult> windows, List<Baseline.Result> baselines) {
        var ratios = new LinkedHashMap<String, Double>();
        for (Baseline.Result baseline : baselines) {
            windows.stream()
                    .filter(w ->
                            w.scenario().equals(baseline.scenario()) && w.load().equals("closed"))
                    .findFirst()
                    .filter(w -> baseline.tps() > 0)
                    .ifPresent(w -> ratios.put(w.label(), w.purchasesPerSecond() / baseline.tps()));
        }
        return ratios;
    }

    private FlashSale.Result flash(Api api, Purchases purchases, CpuMeter cpu, Population.People people)
            throws InterruptedException {
        Population.User seller = people.sellers().get(SPREAD_SELLERS + 1);
        String listing = Market.list(api, List.of(seller), 1, options.flashUnits(), "Bench flash sale")
                .getFirst();
        quiesce("the flash sale", QUIESCE_TIMEOUT);
        console.say("Flash sale: %d buyers at once for %d units...", options.flashBuyers(), options.flashUnits());
        FlashSale.Result result = new FlashSale(api, purchases, cpu)
                .run(people.buyers().subList(0, options.flashBuyers()), listing, options.flashUnits());
        console.say(
                "  → %d SUCCESS, %d refused (%s), %d other; everything final after %.2f s",
                result.success(),
                result.soldOut(),
                FlashSale.SOLD_OUT,
                result.other().values().stream().mapToLong(Long::longValue).sum(),
                result.allFinalSeconds());
        return result;
    }

    static Path outputDir(Path dataDir, Instant at) {
        return dataDir.resolve("bench")
                .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(at));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
