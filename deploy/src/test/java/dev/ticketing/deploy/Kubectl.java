package dev.ticketing.deploy;

import dev.ticketing.platform.embedded.CacheDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code kubectl kustomize}, the renderer the overlays are written for (kustomize 5). kubectl comes from
 * {@code KUBECTL}, else the PATH, else the cache folder where {@code deploy/fetch-kubectl} puts Debian's (what
 * {@code .ci/run} does on a machine without one); the first whose kustomize is version 5 or newer. Without one the
 * tests fail and say how to get it: they never skip.
 */
public final class Kubectl {

    static final Path REPOSITORY = findRepository();
    static final Path OVERLAYS = REPOSITORY.resolve("deploy/k8s/overlays");

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();
    private static volatile Path binary;

    private Kubectl() {}

    /** The overlay rendered as kubectl applies it (cached: the tests of one JVM render each overlay once). */
    static String kustomize(String overlay) {
        return render(OVERLAYS.resolve(overlay));
    }

    /** The base the overlays build on, rendered. */
    public static String base() {
        return render(OVERLAYS.resolveSibling("base"));
    }

    private static String render(Path kustomization) {
        return RENDERED.computeIfAbsent(
                kustomization.toString(), k -> run(List.of(binary().toString(), "kustomize", k)));
    }

    static synchronized Path binary() {
        if (binary == null) {
            var tried = new ArrayList<String>();
            for (Path candidate : candidates()) {
                Optional<Integer> major = kustomizeMajor(candidate);
                tried.add(candidate + major.map(m -> " (kustomize v" + m + ")").orElse(" (no kustomize version)"));
                if (major.orElse(0) >= 5) {
                    binary = candidate;
                    return binary;
                }
            }
            throw new AssertionError(
                    """
                    No kubectl with kustomize 5 or newer, which renders deploy/k8s: %s.
                    Get one: `deploy/fetch-kubectl` puts Debian's kubectl (trixie, 1.32) into ~/.cache/ticketing without \
                    touching the system (.ci/run calls it); or `apt-get install kubectl` on Debian 13 or newer; or set \
                    KUBECTL to a kubectl 1.27 or newer. Debian 12's kubernetes-client (1.20) is too old.""".formatted(tried.isEmpty() ? "none found" : "tried " + String.join(", ", tried)));
        }
        return binary;
    }

    private static List<Path> candidates() {
        var found = new ArrayList<Path>();
        String explicit = System.getenv("KUBECTL");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isExecutable(path)) {
                throw new AssertionError("KUBECTL=" + explicit + " is not an executable file");
            }
            return List.of(path);
        }
        for (String dir : Optional.ofNullable(System.getenv("PATH")).orElse("").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                found.add(Path.of(dir, "kubectl"));
            }
        }
        Path cache = CacheDirectory.root();
        if (Files.isDirectory(cache)) {
            try (Stream<Path> dirs = Files.list(cache)) {
                dirs.filter(d -> d.getFileName().toString().startsWith("kubectl-"))
                        .map(d -> d.resolve("kubectl"))
                        .filter(Files::isExecutable)
                        .sorted(Comparator.reverseOrder())
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private static Optional<Integer> kustomizeMajor(Path kubectl) {
        try {
            Matcher m = KUSTOMIZE_VERSION.matcher(runQuietly(List.of(kubectl.toString(), "version", "--client")));
            return m.find() ? Optional.of(Integer.valueOf(m.group(1))) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String runQuietly(List<String> command) {
        return exec(command, false);
    }

    private static String run(List<String> command) {
        return exec(command, true);
    }

    private static String exec(List<String> command, boolean failLoudly) {
        try {
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process process =
                        new ProcessBuilder(command).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
                }
                if (process.exitValue() != 0) {
                    String message = String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                            + Files.readString(err);
                    if (failLoudly) {
                        throw new AssertionError(message);
                    }
                    throw new IllegalStateException(message);
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findRepository() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("deploy/k8s/overlays")) && Files.exists(d.resolve("mvnw"))) {
                return d;
            }
        }
        throw new IllegalStateException("Not inside the repository (no deploy/k8s/overlays above " + dir + ")");
    }
}
