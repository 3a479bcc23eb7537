package dev.ticketing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the figures of a run depend on besides the code: the machine, its load, the JVMs' options, PostgreSQL's durability. */
final class Environment {

    private Environment() {}

    /** The machine, the JVM and the code measured, for reading the figures later. */
    static Map<String, Object> of(StackInfo stack) {
        var environment = new LinkedHashMap<String, Object>();
        environment.put("cores", Runtime.getRuntime().availableProcessors());
        environment.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        environment.put(
                "commit",
                Optional.ofNullable(System.getenv("TICKETING_BENCH_COMMIT")).orElse("unknown"));
        environment.put("stackStartedByBench", "1".equals(System.getenv("TICKETING_BENCH_STARTED_STACK")));
        environment.put("url", stack.webUrl());
        environment.put("loadAverageBefore", loadAverage());
        environment.put("postgres", postgresSettings(stack));
        stack.pids().forEach((name, pid) -> jvmOptions(pid).ifPresent(o -> environment.put("jvm " + name, o)));
        return environment;
    }

    /** The server version and the durability settings the figures depend on. */
    private static String postgresSettings(StackInfo stack) {
        try (var c = stack.connectAsSuperuser("postgres");
                var rs = c.createStatement()
                        .executeQuery(
                                "select current_setting('server_version'), "
                                        + "current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
            rs.next();
            return "%s, fsync %s, synchronous_commit %s, shared_buffers %s"
                    .formatted(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The JVM options of a Java process of the stack (heap, GC, JIT tiers): they change every figure. */
    static Optional<String> jvmOptions(long pid) {
        try {
            String[] args = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .split("\0");
            if (args.length == 0 || !args[0].endsWith("java")) {
                return Optional.empty();
            }
            return Optional.of(String.join(
                    " ",
                    Arrays.stream(args)
                            .skip(1)
                            .takeWhile(a -> a.startsWith("-") && !a.equals("-jar"))
                            .toList()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String loadAverage() {
        try {
            return String.join(
                    " ",
                    List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"))
                            .subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
