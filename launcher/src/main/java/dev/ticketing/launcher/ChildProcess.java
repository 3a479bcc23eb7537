package dev.ticketing.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process whose output (stdout and stderr) is appended to its own log file. Writing to a file rather
 * than a pipe means the child never blocks on, or dies with, the launcher's output.
 */
final class ChildProcess implements Supervised {

    private final String name;
    private final int port;
    private final int layer;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Path logFile;
    private final BooleanSupplier readiness;
    private final String marker;
    private final Clock clock;
    private volatile Process process;
    private volatile Instant exitedAt;

    ChildProcess(
            String name,
            int port,
            int layer,
            List<String> command,
            Map<String, String> environment,
            Path workingDir,
            Path logFile,
            BooleanSupplier readiness,
            String marker,
            Clock clock) {
        this.name = name;
        this.port = port;
        this.layer = layer;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDir = workingDir;
        this.logFile = logFile;
        this.readiness = readiness;
        this.marker = marker;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int layer() {
        return layer;
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(
                logFile,
                "%n===== %s starting %s at %s =====%n".formatted(Instant.now(), name, workingDir),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        var builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        exitedAt = null;
        Process started = builder.start();
        process = started;
        // the moment it ends, not the supervisor's next round: the start of the restart time status shows
        started.onExit().thenRun(() -> {
            if (process == started) {
                exitedAt = clock.instant();
            }
        });
    }

    @Override
    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    @Override
    public OptionalLong pid() {
        Process p = process;
        return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
    }

    @Override
    public String exitDescription() {
        Process p = process;
        if (p == null) {
            return "never started";
        }
        return p.isAlive() ? "running" : "exited with " + p.exitValue();
    }

    @Override
    public Optional<Instant> exitedAt() {
        return Optional.ofNullable(exitedAt);
    }

    @Override
    public boolean isReady() {
        return isAlive() && readiness.getAsBoolean();
    }

    @Override
    public void stop(Duration grace) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String commandMarker() {
        return marker;
    }

    Path logFile() {
        return logFile;
    }
}
