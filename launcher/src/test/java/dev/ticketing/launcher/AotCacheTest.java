package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final String JDK = "25.0.3+9-LTS";

    @TempDir
    Path target;

    private Path jar;

    @BeforeEach
    void buildAJar() throws IOException {
        jar = target.resolve("orders-0.1.0-SNAPSHOT.jar");
        Files.writeString(jar, "version 1");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-26T10:00:00Z")));
    }

    @Test
    void aJarNeverExtractedIsStale() {
        assertThat(cache(JDK).state()).isEqualTo(AotCache.State.STALE);
        assertThat(cache(JDK).verifiedState()).isEqualTo(AotCache.State.STALE);
    }

    @Test
    void anExtractedJarNeedsATrainingAndIsReadyOnceItsCacheIsCommitted() throws IOException {
        AotCache cache = extracted();
        assertThat(cache.state()).isEqualTo(AotCache.State.UNTRAINED);

        Files.writeString(cache.trainingFile(), "classes");
        assertThat(cache.commitTraining()).isTrue();

        assertThat(cache.state()).isEqualTo(AotCache.State.READY);
        assertThat(cache.cacheFile()).hasContent("classes");
        assertThat(cache.trainingFile()).doesNotExist();
        assertThat(cache.applicationJar()).isEqualTo(target.resolve("aot").resolve(jar.getFileName()));
    }

    @Test
    void aTrainingThatWroteNothingLeavesTheCacheUntrained() throws IOException {
        AotCache cache = extracted();
        Files.writeString(cache.trainingFile(), "");

        assertThat(cache.commitTraining()).isFalse();

        assertThat(cache.state()).isEqualTo(AotCache.State.UNTRAINED);
    }

    @Test
    void aCacheFitsOnlyTheJdkThatTrainedIt() throws IOException {
        trained(cache(JDK));

        assertThat(cache("25.0.4+7-LTS").state()).isEqualTo(AotCache.State.UNTRAINED);
        assertThat(cache(JDK).state()).isEqualTo(AotCache.State.READY);
    }

    @Test
    void aCacheTrainedWithOtherOptionsIsTrainedAgain() throws IOException {
        AotCache cache = trained(cache(JDK));
        Path key = cache.cacheFile().resolveSibling("source.properties");
        Files.writeString(
                key,
                Files.readString(key)
                                .lines()
                                .filter(line -> !line.startsWith("cache.training="))
                                .collect(java.util.stream.Collectors.joining("\n"))
                        + "\ncache.training=-XX\\:TieredStopAtLevel\\=1\n");

        assertThat(cache.state()).isEqualTo(AotCache.State.UNTRAINED);
    }

    @Test
    void aRebuiltJarIsStaleUntilItsChecksumShowsTheSameBytes() throws Exception {
        trained(cache(JDK));
        rebuild("version 1");

        assertThat(cache(JDK).state()).as("judged by time and size only").isEqualTo(AotCache.State.STALE);
        assertThat(cache(JDK).verifiedState()).isEqualTo(AotCache.State.READY);
        assertThat(cache(JDK).state()).as("the new time is recorded").isEqualTo(AotCache.State.READY);
    }

    @Test
    void aRebuiltJarWithOtherBytesIsStaleThoughItHasTheSameSizeAndModificationTime() throws Exception {
        trained(cache(JDK));
        rebuild("version 2");

        assertThat(cache(JDK).verifiedState()).isEqualTo(AotCache.State.STALE);
        assertThat(cache(JDK).state()).isEqualTo(AotCache.State.STALE);
    }

    @Test
    void aDeletedCacheFileNeedsATrainingAgain() throws IOException {
        AotCache cache = trained(cache(JDK));
        Files.delete(cache.cacheFile());

        assertThat(cache.state()).isEqualTo(AotCache.State.UNTRAINED);
    }

    @Test
    void cachesNeedJdk25AndCanBeTurnedOff() {
        assertThat(AotCache.supported(Runtime.Version.parse("21.0.5"))).isFalse();
        assertThat(AotCache.supported(Runtime.Version.parse("24.0.2"))).isFalse();
        assertThat(AotCache.supported(Runtime.Version.parse("25.0.3"))).isTrue();
        assertThat(AotCache.enabled(Map.of("TICKETING_AOT", "off"))).isFalse();
        assertThat(AotCache.enabled(Map.of())).isEqualTo(AotCache.supported(Runtime.version()));
    }

    /**
     * What a reproducible build does: the jar written again with the same modification time. File times move in
     * clock ticks, so it is written until its change time shows it (as any real rebuild, minutes later, does).
     */
    private void rebuild(String content) throws Exception {
        FileTime modified = Files.getLastModifiedTime(jar);
        long changed = AotCache.changeTime(jar);
        Eventually.await(() -> {
            try {
                Files.writeString(jar, content);
                Files.setLastModifiedTime(jar, modified);
                return AotCache.changeTime(jar) != changed;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private AotCache cache(String jdk) {
        return new AotCache("orders", jar, jdk);
    }

    /** What {@link AotCache#extract} leaves: the application jar in the folder, the source recorded. */
    private AotCache extracted() throws IOException {
        AotCache cache = cache(JDK);
        Files.createDirectories(cache.applicationJar().getParent().resolve("lib"));
        Files.writeString(cache.applicationJar(), "manifest naming lib/*");
        cache.recordExtraction();
        return cache;
    }

    private AotCache trained(AotCache cache) throws IOException {
        extracted();
        Files.writeString(cache.trainingFile(), "classes");
        assertThat(cache.commitTraining()).isTrue();
        return cache;
    }
}
