package dev.ticketing.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Follows a log file (like {@code tail -F}) and copies new lines to the console, prefixed with the process name.
 * Used by {@code ./ticketing up}; the processes themselves only ever write to their files.
 */
final class LogTailer implements Runnable {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final int HEAD = 64;

    private final String source;
    private final Path file;
    private final Console console;
    private long position;
    private Object fileKey;
    private byte[] head = new byte[0];
    private final StringBuilder partial = new StringBuilder();

    /** Starts at the current end of the file (earlier runs' output is not repeated) unless {@code fromStart}. */
    LogTailer(String source, Path file, Console console, boolean fromStart) {
        this.source = source;
        this.file = file;
        this.console = console;
        try {
            if (!fromStart && Files.exists(file)) {
                var attributes = Files.readAttributes(file, BasicFileAttributes.class);
                position = attributes.size();
                fileKey = attributes.fileKey();
                head = readHead();
            }
        } catch (IOException e) {
            position = 0;
        }
    }

    static void follow(String source, Path file, Console console, boolean fromStart) {
        Thread.ofPlatform().daemon().name("tail-" + source).start(new LogTailer(source, file, console, fromStart));
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                poll();
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // the file is being replaced; try again on the next round
            }
        }
    }

    void poll() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        var attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < position || !sameHead()) {
            // a new file (nats-server recreates its log on every start; the inode may be reused) or a truncated one
            fileKey = attributes.fileKey();
            position = 0;
            head = new byte[0];
            partial.setLength(0);
        }
        if (attributes.size() == position) {
            return;
        }
        try (var in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(position);
            byte[] bytes = new byte[(int) Math.min(attributes.size() - position, 1 << 20)];
            in.readFully(bytes);
            position += bytes.length;
            if (head.length < HEAD) {
                head = readHead();
            }
            emit(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** The first bytes identify the file: a recreated file starts differently (a new pid, a new time). */
    private boolean sameHead() throws IOException {
        if (head.length == 0) {
            return true;
        }
        try (var in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] now = new byte[(int) Math.min(head.length, in.length())];
            in.readFully(now);
            return Arrays.equals(now, head);
        }
    }

    private byte[] readHead() throws IOException {
        try (var in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.min(HEAD, in.length())];
            in.readFully(bytes);
            return bytes;
        }
    }

    private void emit(String chunk) {
        partial.append(chunk);
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline);
            partial.delete(0, newline + 1);
            console.line(source, line.stripTrailing());
        }
    }
}
