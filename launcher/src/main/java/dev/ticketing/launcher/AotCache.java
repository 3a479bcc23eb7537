package dev.ticketing.launcher;

import dev.ticketing.platform.embedded.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The start-up cache of one service (docs/decisions/0040): its executable jar extracted into
 * {@code services/<name>/target/aot/} (the application jar and {@code lib/}, which the JVM opens faster than
 * jars nested in a jar) and a JDK AOT cache ({@code app.aot}, JEP 483/514/515: classes loaded and linked, and
 * objects, from a training run), which only fits the exact class path it was trained with.
 *
 * <p>{@code source.properties} records which jar the folder was extracted from (size, change time, SHA-256)
 * and which JDK trained the cache; it is written last, so a folder is either complete for a jar or treated as
 * stale. Freshness ({@link #state}): a jar whose size and time match is the same jar; otherwise its checksum
 * decides, so a rebuild that produced the same bytes (reproducible jars) keeps its cache.
 */
final class AotCache {

    /** What the folder holds for the current jar and JDK. */
    enum State {
        /** Extracted from this jar and trained by this JDK: start with {@code -XX:AOTCache}. */
        READY,
        /** Extracted from this jar, but no cache for this JDK (never trained, or trained by another JDK). */
        UNTRAINED,
        /** Not extracted from this jar (none yet, or the jar changed). */
        STALE
    }

    static final String FOLDER = "aot";
    private static final String KEY_FILE = "source.properties";
    private static final String CACHE_FILE = "app.aot";
    private static final String TRAINING_FILE = "app.aot.training";
    /** How caches are trained now: a cache trained with other options is trained again. */
    static final String TRAINED_WITH = String.join(" ", JvmOptions.Launch.Training.FLAGS);

    private final String service;
    private final Path jar;
    private final Path folder;
    private final String jdk;

    /**
     * @param jar the service's executable jar ({@code services/<name>/target/<name>-<version>.jar})
     * @param jdk the version of the JDK that runs the services ({@code java.vm.version}): a cache fits one JDK build
     */
    AotCache(String service, Path jar, String jdk) {
        this.service = service;
        this.jar = jar;
        this.folder = jar.resolveSibling(FOLDER);
        this.jdk = jdk;
    }

    /** The cache for a service's jar as the launcher's own JDK runs it. */
    static AotCache of(String service, Path jar) {
        return new AotCache(service, jar, System.getProperty("java.vm.version"));
    }

    /**
     * Whether this JDK can write and use an AOT cache in one step ({@code -XX:AOTCacheOutput}, JDK 25, JEP 514).
     * Older JDKs reject the options, so services start without them there.
     */
    static boolean supported(Runtime.Version version) {
        return version.feature() >= 25;
    }

    /**
     * Whether services start with (and the build trains) AOT caches: on a JDK that has them, unless
     * {@code TICKETING_AOT=off} (e.g. to measure without them).
     */
    static boolean enabled(java.util.Map<String, String> env) {
        return supported(Runtime.version()) && Config.switchedOn(env, "TICKETING_AOT");
    }

    String service() {
        return service;
    }

    Path jar() {
        return jar;
    }

    /** The extracted application jar, to run with {@code -jar} (its manifest names {@code lib/*}). */
    Path applicationJar() {
        return folder.resolve(jar.getFileName());
    }

    Path cacheFile() {
        return folder.resolve(CACHE_FILE);
    }

    /** Where a training run writes its cache; it becomes {@link #cacheFile()} only once complete. */
    Path trainingFile() {
        return folder.resolve(TRAINING_FILE);
    }

    /**
     * What the folder holds for the current jar, judged by the jar's size and change time only: cheap enough for every
     * start. A rebuilt jar counts as stale until {@link #verifiedState()} (the build's {@code aot} step) has seen
     * that its bytes did not change.
     */
    State state() {
        return state(false);
    }

    /** Like {@link #state()}, but a jar with another size or time is compared by checksum (and then re-recorded). */
    State verifiedState() {
        return state(true);
    }

    private State state(boolean verifyChecksum) {
        Optional<Properties> key = readKey();
        if (key.isEmpty() || !sameJar(key.get(), verifyChecksum)) {
            return State.STALE;
        }
        boolean trained = jdk.equals(key.get().getProperty("cache.jdk"))
                && TRAINED_WITH.equals(key.get().getProperty("cache.training"))
                && Files.isRegularFile(cacheFile())
                && Files.isRegularFile(applicationJar());
        return trained ? State.READY : State.UNTRAINED;
    }

    /**
     * Extracts the jar into a fresh folder beside the old one and swaps them, so a folder is never half-written;
     * records the jar last. Uses {@code java -Djarmode=tools extract} of the JDK at {@code java}.
     */
    void extract(Path java) throws IOException, InterruptedException {
        Path target = folder.getParent();
        Path temp =
                target.resolve(FOLDER + ".extracting-" + ProcessHandle.current().pid());
        Folders.deleteRecursively(temp);
        Path log = target.resolve(FOLDER + "-extract.log");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        temp.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("extracting " + jar + " took more than 2 minutes");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(temp.resolve(jar.getFileName()))) {
            throw new IOException("extracting " + jar + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(log).strip());
        }
        Files.deleteIfExists(log);
        Folders.deleteRecursively(folder);
        Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
        recordExtraction();
    }

    /** Records that the folder now holds the current jar, extracted and not trained yet. */
    void recordExtraction() throws IOException {
        var key = new Properties();
        key.setProperty("jar.size", String.valueOf(Files.size(jar)));
        key.setProperty("jar.changed", String.valueOf(changeTime(jar)));
        key.setProperty("jar.sha256", sha256(jar));
        writeKey(key);
    }

    /**
     * Makes the file a training run wrote the cache of this jar and JDK.
     *
     * @return false when the training run wrote nothing (it crashed, or was killed before it could)
     */
    boolean commitTraining() throws IOException {
        Path trained = trainingFile();
        if (!Files.isRegularFile(trained) || Files.size(trained) == 0) {
            Files.deleteIfExists(trained);
            return false;
        }
        move(trained, cacheFile());
        Properties key = readKey().orElseThrow(() -> new IOException(folder + " has no " + KEY_FILE));
        key.setProperty("cache.jdk", jdk);
        key.setProperty("cache.training", TRAINED_WITH);
        writeKey(key);
        return true;
    }

    /** Same size and change time as recorded, or else the same checksum (then the new time is recorded). */
    private boolean sameJar(Properties key, boolean verifyChecksum) {
        try {
            long size = Files.size(jar);
            long changed = changeTime(jar);
            if (String.valueOf(size).equals(key.getProperty("jar.size"))
                    && String.valueOf(changed).equals(key.getProperty("jar.changed"))) {
                return true;
            }
            if (!verifyChecksum) {
                return false;
            }
            String checksum = sha256(jar);
            if (!checksum.equals(key.getProperty("jar.sha256"))) {
                return false;
            }
            key.setProperty("jar.size", String.valueOf(size));
            key.setProperty("jar.changed", String.valueOf(changed));
            writeKey(key);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Properties> readKey() {
        Path file = folder.resolve(KEY_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            var key = new Properties();
            key.load(reader);
            return Optional.of(key);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void writeKey(Properties key) throws IOException {
        Path file = folder.resolve(KEY_FILE);
        Path temp = folder.resolve(KEY_FILE + ".tmp-" + ProcessHandle.current().pid());
        try (Writer writer = Files.newBufferedWriter(temp)) {
            key.store(writer, "the jar this folder was extracted from, and the JDK that trained app.aot");
        }
        move(temp, file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * When the file was last written or replaced (the inode's change time, which no tool sets): reproducible jars
     * all carry the same modification time, so that one says nothing. Where there is no change time, the
     * modification time.
     */
    static long changeTime(Path file) throws IOException {
        try {
            return ((FileTime) Files.getAttribute(file, "unix:ctime")).to(TimeUnit.MICROSECONDS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getLastModifiedTime(file).to(TimeUnit.MICROSECONDS);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
