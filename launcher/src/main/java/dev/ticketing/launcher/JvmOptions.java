package dev.ticketing.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a service JVM, in one place: memory, JIT, the start-up cache, Spring AOT, then whatever
 * {@code TICKETING_JVM_OPTIONS} adds (later options win). docs/performance.md records what each choice measured.
 */
final class JvmOptions {

    /**
     * JIT: the JVM's own tiered compilation, C1 first and C2 for what runs hot (docs/decisions/0079). C2 takes a
     * couple of minutes of load to compile the purchase path; then the services spend about half the CPU per
     * purchase that C1's code does, and the whole stack about two thirds. A stack then starts in about 13 s instead
     * of 7 on two cores, as C2 also compiles start-up code (see {@link Launch.Training}). Explicit, so the command
     * line says it;
     * {@code TICKETING_JVM_OPTIONS=-XX:TieredStopAtLevel=1} still gives C1 alone.
     */
    static final List<String> JIT = List.of("-XX:+TieredCompilation");

    private JvmOptions() {}

    /**
     * Memory: the serial collector (no GC threads competing for two cores, the least overhead on small heaps),
     * a heap limit sized per service ({@link ServiceSpec#heap()}), a small initial heap that grows on demand
     * (with the default initial heap every JVM touched its whole limit at start: about 40 MiB each), small thread
     * stacks, and an exit on OutOfMemoryError so the supervisor restarts a clean process.
     */
    static List<String> memory(ServiceSpec service) {
        return List.of(
                "-Xms" + service.initialHeap(),
                "-Xmx" + service.heap(),
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError");
    }

    /** How a service's code is started: its jar as built, or its extracted copy with an AOT cache. */
    sealed interface Launch {

        /** The jar to run with {@code -jar}; also how a leftover process is recognised after a launcher crash. */
        Path jar();

        List<String> options();

        /** The executable jar as the build made it (no cache fits it, or caches are off). */
        record Plain(Path jar) implements Launch {
            @Override
            public List<String> options() {
                return List.of();
            }
        }

        /** The extracted jar with its AOT cache: classes come loaded and linked from the cache. */
        record WithCache(Path jar, Path cache) implements Launch {
            @Override
            public List<String> options() {
                return List.of("-XX:AOTCache=" + cache);
            }
        }

        /**
         * A training run: the JVM records what it loads and links and writes the cache when it exits (JEP 514),
         * without the method training data of JEP 515 ({@code -XX:-AOTRecordTraining}, a diagnostic option). That
         * data is about start-up code, not purchases, and both ways of recording it cost (docs/decisions/0079):
         * <ul>
         *   <li>from a tiered run, its profiles made C2 compile start-up code during every later start (11 s to
         *       ready instead of 7 on two cores, and 0.2 GiB more);</li>
         *   <li>from a C1 run, it told the JIT that most methods were compiled at C1's level without profiles, where
         *       they then stayed: 5,400 of orders' methods at that level after three minutes of load, and a third
         *       fewer purchases per second than without a cache.</li>
         * </ul>
         * C1 alone keeps the training run short; with nothing recorded, the cache is the same either way.
         */
        record Training(Path jar, Path output) implements Launch {

            /** Also what {@link AotCache} records with a cache, so that one trained otherwise is trained again. */
            static final List<String> FLAGS =
                    List.of("-XX:TieredStopAtLevel=1", "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");

            @Override
            public List<String> options() {
                var options = new ArrayList<>(FLAGS);
                options.add("-XX:AOTCacheOutput=" + output);
                return List.copyOf(options);
            }
        }
    }

    static List<String> command(
            Path java, ServiceSpec service, Launch launch, List<String> springAot, String extraOptions) {
        var command = new ArrayList<String>();
        command.add(java.toString());
        command.addAll(memory(service));
        command.addAll(JIT);
        command.addAll(launch.options());
        command.addAll(springAot);
        // e.g. a flight recording while measuring: -XX:StartFlightRecording=filename=/tmp/%p.jfr
        String extra = extraOptions == null ? "" : extraOptions.trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", launch.jar().toString()));
        return command;
    }
}
