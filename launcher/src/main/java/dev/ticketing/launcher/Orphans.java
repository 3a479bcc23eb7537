package dev.ticketing.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Processes a previous launcher left running when it was killed without a chance to stop them (SIGKILL).
 * They hold the ports and the data directories, so they are stopped before anything starts again.
 */
final class Orphans {

    private Orphans() {}

    static void stop(Optional<StateFile.Snapshot> previous, Path postgresDataDir, Consumer<String> log) {
        var found = new ArrayList<Found>();
        previous.ifPresent(state -> state.processes().forEach(p -> {
            if (p.pid() != null && p.marker() != null) {
                live(p.pid(), p.marker()).ifPresent(h -> found.add(new Found(p.name(), h, layer(p.name()))));
            }
        }));
        PostgresUnit.postmasterPid(postgresDataDir)
                .ifPresent(pid -> live(pid, "postgres")
                        .filter(h -> found.stream().noneMatch(f -> f.handle().pid() == pid))
                        .ifPresent(h -> found.add(new Found("postgres", h, 0))));
        found.sort(Comparator.comparingInt(Found::layer).reversed());
        for (Found orphan : found) {
            log.accept(
                    "stopping " + orphan.name() + " (pid " + orphan.handle().pid() + ") left over from an earlier run");
            terminate(orphan.handle(), Duration.ofSeconds(10));
        }
    }

    /** The process, if it is alive and its command line contains {@code marker} (PIDs get reused). */
    static Optional<ProcessHandle> live(long pid, String marker) {
        if (pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false));
    }

    static void terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by whoever needs the port next
            }
        }
    }

    private static int layer(String name) {
        return switch (Commands.baseName(name)) {
            case "postgres" -> 0;
            case "nats" -> 1;
            default -> 2;
        };
    }

    private record Found(String name, ProcessHandle handle, int layer) {}
}
