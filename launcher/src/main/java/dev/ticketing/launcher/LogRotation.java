package dev.ticketing.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the logs folder bounded while the stack runs. A log ({@code name.log}, or the file a link of that name points
 * to, as nats-server's does) that has grown past the limit is copied to {@code name.log.1}, older copies move up to
 * {@code name.log.N} and the oldest is dropped, and the log is emptied where it is. The processes keep the file open
 * in append mode (the launcher's redirects, {@code pg_ctl -l}, nats-server's {@code -l}), so they go on writing at
 * its new start without a restart or a signal; what they write between the copy and the emptying, a few milliseconds,
 * is lost. A {@link LogTailer} sees the shorter file and follows it from its start.
 */
final class LogRotation {

    static final long DEFAULT_LIMIT_BYTES = 32L * 1024 * 1024;
    static final int DEFAULT_COPIES = 2;
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(30);

    private final Path logsDir;
    private final long limitBytes;
    private final int copies;
    private final Clock clock;
    private Instant nextCheck = Instant.MIN;

    LogRotation(Path logsDir, long limitBytes, int copies, Clock clock) {
        if (limitBytes <= 0 || copies < 1) {
            throw new IllegalArgumentException("a log limit above 0 bytes and at least one copy are needed");
        }
        this.logsDir = logsDir;
        this.limitBytes = limitBytes;
        this.copies = copies;
        this.clock = clock;
    }

    /** The limit in MiB from {@code TICKETING_LOG_LIMIT_MB} (32 when unset), two copies kept. */
    static LogRotation of(Path logsDir, Map<String, String> env) {
        String limit = env.getOrDefault("TICKETING_LOG_LIMIT_MB", "").trim();
        long bytes;
        try {
            bytes = limit.isEmpty() ? DEFAULT_LIMIT_BYTES : Long.parseLong(limit) * 1024 * 1024;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TICKETING_LOG_LIMIT_MB must be a whole number of MiB, not " + limit);
        }
        return new LogRotation(logsDir, bytes, DEFAULT_COPIES, Clock.systemUTC());
    }

    /** Rotates what is over the limit, at most once per {@link #CHECK_INTERVAL}; called from the supervising loop. */
    void tick() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(CHECK_INTERVAL);
        try {
            rotateOversized();
        } catch (IOException e) {
            // a log that cannot be rotated now is tried again on the next check; the services are unaffected
        }
    }

    /** Rotates every log over the limit now, and says which. */
    List<Path> rotateOversized() throws IOException {
        if (!Files.isDirectory(logsDir)) {
            return List.of();
        }
        List<Path> rotated = new ArrayList<>();
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(logsDir, "*.log")) {
            for (Path log : logs) {
                if (Files.isRegularFile(log) && Files.size(log) > limitBytes) {
                    rotate(log);
                    rotated.add(log);
                }
            }
        }
        return rotated;
    }

    private void rotate(Path log) throws IOException {
        Files.deleteIfExists(copy(log, copies));
        for (int n = copies - 1; n >= 1; n--) {
            if (Files.exists(copy(log, n))) {
                Files.move(copy(log, n), copy(log, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path file = log.toRealPath();
        Files.copy(file, copy(log, 1), StandardCopyOption.COPY_ATTRIBUTES); // PostgreSQL's log stays private
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    private static Path copy(Path log, int n) {
        return log.resolveSibling(log.getFileName() + "." + n);
    }
}
