package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailerTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    @Test
    void copiesNewCompleteLinesWithTheProcessName(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("auth.log");
        Files.writeString(log, "from an earlier run\n");
        var tailer = new LogTailer("auth", log, console, false);

        Files.writeString(log, "Started AuthApplication\npartial", StandardOpenOption.APPEND);
        tailer.poll();
        Files.writeString(log, " line\n", StandardOpenOption.APPEND);
        tailer.poll();

        assertThat(output()).isEqualTo("auth      | Started AuthApplication\nauth      | partial line\n");
    }

    @Test
    void startsOverWhenTheFileIsReplaced(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("nats.log");
        Files.writeString(log, "first server\n");
        var tailer = new LogTailer("nats", log, console, true);
        tailer.poll();

        Files.delete(log);
        Files.writeString(log, "second server\n");
        tailer.poll();

        assertThat(output()).isEqualTo("nats      | first server\nnats      | second server\n");
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
