package dev.ticketing.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

    @TempDir
    Path cache;

    @Test
    void unpacksOnceIntoTheCacheFolderAndReusesWhatIsThere() throws Exception {
        Path first = PostgresBinaries.install(cache);

        assertThat(first.getParent()).isEqualTo(cache);
        assertThat(first.resolve("bin/postgres")).isExecutable();
        assertThat(first.resolve("bin/initdb")).isExecutable();
        assertThat(Files.readSymbolicLink(first.resolve("lib/libicuuc.so"))).isEqualTo(Path.of("libicuuc.so.60.2"));
        long unpackedAt = Files.getLastModifiedTime(first.resolve(PostgresBinaries.COMPLETE_MARK))
                .toMillis();

        Path second = PostgresBinaries.install(cache);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.resolve(PostgresBinaries.COMPLETE_MARK))
                        .toMillis())
                .isEqualTo(unpackedAt);
        try (var entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()).toList())
                    .as("no temporary folder left behind")
                    .containsExactly(first.getFileName().toString());
        }
    }

    @Test
    void theFolderNameTellsArchivesApartWithoutReadingThemAndMatchesACopyOnDiskOnlyByContent() throws Exception {
        Path same1 = jarWith("postgres-linux-x86_64.txz", "binaries 18.1");
        Path same2 = jarWith("postgres-linux-x86_64.txz", "binaries 18.1");
        Path other = jarWith("postgres-linux-x86_64.txz", "binaries 18.2");

        String digest = PostgresBinaries.digest(entry(same1));

        assertThat(digest).matches("[0-9a-f]{16}");
        assertThat(PostgresBinaries.digest(entry(same2))).isEqualTo(digest);
        assertThat(PostgresBinaries.digest(entry(other))).isNotEqualTo(digest);
        Path onDisk = Files.writeString(cache.resolve("loose.txz"), "binaries 18.1");
        assertThat(PostgresBinaries.digest(onDisk.toUri().toURL()))
                .matches("[0-9a-f]{16}")
                .isNotEqualTo(PostgresBinaries.digest(Files.writeString(cache.resolve("loose2.txz"), "binaries 18.2")
                        .toUri()
                        .toURL()));
    }

    private Path jarWith(String name, String content) throws Exception {
        Path jar = Files.createTempFile(cache, "binaries", ".jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(name));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static URL entry(Path jar) throws Exception {
        return URI.create("jar:" + jar.toUri() + "!/postgres-linux-x86_64.txz").toURL();
    }

    @Test
    void aFolderLeftHalfUnpackedByAnEarlierStartIsReplaced() throws Exception {
        String digest = PostgresBinaries.digest(PostgresBinaries.archive());
        Path broken =
                Files.createDirectories(cache.resolve("postgres-" + digest).resolve("lib"));
        Files.createSymbolicLink(broken.resolve("libicuuc.so"), Path.of("libicuuc.so.60.2")); // its target never came

        Path installed = PostgresBinaries.install(cache);

        assertThat(installed).isEqualTo(cache.resolve("postgres-" + digest));
        assertThat(installed.resolve("bin/postgres")).isExecutable();
        assertThat(installed.resolve("lib/libicuuc.so")).exists(); // the link resolves now
    }

    @Test
    void unpackingNeedsOnlyAFewMegabytesOfHeap() throws Exception {
        // the launcher runs with -Xmx64m; unpacking the 15 MB archive must fit in far less
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(
                        java,
                        "-Xmx16m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        UnpackMain.class.getName(),
                        cache.toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(Path.of(output.strip()).resolve("bin/postgres")).isExecutable();
    }

    /** Unpacks into the folder given as argument, in a JVM of its own, and prints where. */
    public static final class UnpackMain {
        public static void main(String[] args) {
            System.out.println(PostgresBinaries.install(Path.of(args[0])));
        }
    }
}
