package dev.ticketing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * {@code ./ticketing bench}: the script makes sure a stack runs (starting one if needed), then runs this against
 * it. Exit status 0 when the run is clean, 1 when it parked dead letters (or could not tell), 2 when it could not
 * run, 64 for bad options.
 */
public final class Main {

    /** First argument from the script: only check the options, before it starts a stack for nothing. */
    static final String CHECK_OPTIONS = "--check-options";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options options;
        try {
            if (Arrays.asList(args).contains("--help")) {
                System.out.print(Options.USAGE);
                return 0;
            }
            boolean checkOnly = args.length > 0 && args[0].equals(CHECK_OPTIONS);
            options = Options.parse(Arrays.asList(args).subList(checkOnly ? 1 : 0, args.length));
            if (checkOnly) {
                return 0;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(Options.USAGE);
            return 64;
        }
        Path dataDir = Path.of(System.getenv().getOrDefault("TICKETING_DATA_DIR", ".ticketing"))
                .toAbsolutePath();
        var console = new Console(System.out, options.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(5));
        try {
            StackInfo stack = StackInfo.awaitReady(dataDir, Duration.ofSeconds(60));
            Path out = Bench.outputDir(dataDir, Instant.now());
            console.say("Benchmark of the stack at %s (data %s), results in %s", stack.webUrl(), dataDir, out);
            BenchResult result = new Bench(options, stack, console).run(Environment.of(stack));
            Files.createDirectories(out);
            Files.writeString(out.resolve("bench.json"), Json.PRETTY.writeValueAsString(result));
            Files.writeString(out.resolve("report.html"), HtmlReport.render(result));
            console.say("");
            System.out.print(Summary.render(result));
            console.say("%nbench.json and report.html in %s", out);
            if (result.failed()) {
                console.say(
                        "FAILED: %s",
                        !result.deadLetters().isEmpty()
                                ? result.deadLetters().size() + " dead letter(s) parked during the run (listed above)"
                                : "consumers did not drain, so dead letters could still be parked");
                return 1;
            }
            return 0;
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            e.printStackTrace(System.err);
            return 2;
        }
    }
}
