package dev.ticketing.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code ./ticketing} runs. Commands:
 * <ul>
 *   <li>{@code run [--foreground]}: start and supervise everything until SIGTERM/SIGINT ({@code up} runs it in
 *       the foreground, {@code start} in the background);</li>
 *   <li>{@code await <launcher-pid>}: wait until everything is ready, print URL, start-up time and memory;</li>
 *   <li>{@code aot}: bring the services' AOT caches up to date with their jars (the last step of a build);</li>
 *   <li>{@code status}, {@code stop}, {@code dlq list|replay <id>|replay --all};</li>
 *   <li>{@code trace <orderId>}: the purchase saga of an order as a tree of spans, from the trace store.</li>
 * </ul>
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = Config.from(System.getenv(), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
            return;
        }
        System.exit(run(config, Arrays.asList(args), System.out));
    }

    static int run(Config config, List<String> args, PrintStream out) throws Exception {
        String command = args.isEmpty() ? "help" : args.getFirst();
        List<String> rest = args.subList(Math.min(1, args.size()), args.size());
        return switch (command) {
            case "run" -> {
                boolean foreground = rest.contains("--foreground");
                yield new Runner(
                                config,
                                new Console(out, foreground && Boolean.getBoolean("ticketing.colour")),
                                foreground)
                        .run();
            }
            case "await" ->
                new Commands(config, out)
                        .await(
                                Long.parseLong(rest.getFirst()),
                                Duration.ofSeconds(
                                        Long.parseLong(config.env().getOrDefault("TICKETING_START_TIMEOUT", "180"))));
            case "aot" -> new AotTraining(config, out).run();
            case "status" -> new Commands(config, out).status();
            case "stop" -> new Commands(config, out).stop(Duration.ofSeconds(90));
            case "dlq" -> dlq(config, rest, out);
            case "trace" -> new TraceCommand(config, out).run(rest);
            default -> {
                out.println(
                        "usage: launcher run [--foreground] | await <pid> | status | stop | aot | dlq list|replay <id>|replay --all | trace <orderId>");
                yield command.equals("help") ? 0 : 64;
            }
        };
    }

    private static int dlq(Config config, List<String> args, PrintStream out) {
        Database database = config.database()
                .orElseGet(() -> Database.embedded(
                        config.postgresPort(), Secrets.of(config.dataDir()).get(Secrets.POSTGRES_SUPERUSER)));
        try {
            return new Dlq(database, ServiceRegistry.databases(config), out).run(args);
        } catch (SQLException e) {
            out.println("Cannot read the dead-letter tables at " + database.baseUrl() + ": " + e.getMessage());
            if (config.database().isEmpty()) {
                out.println("Is Ticketing running? Start it with ./ticketing start");
            }
            return 1;
        }
    }
}
