package dev.ticketing.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One process of a Spring Boot service the launcher runs: {@code services/<name>/target/<name>-<version>.jar}.
 *
 * @param name    the service (its jar, database, NATS user and start-up cache)
 * @param process the process: the service's name, or {@code <name>-<n>} for instance n when several run (its log
 *                file, its row in {@code status})
 * @param edge the public web edge (binds all interfaces, needs no database, gets the upstream URLs)
 * @param heap the -Xmx of its JVM
 * @param managementPort where its actuator (readiness probe, metrics) answers: an internal service's own port,
 *                       which is loopback only anyway; for the edge a port of its own on 127.0.0.1, so that the
 *                       public origin serves no {@code /actuator/**} (docs/api.md: operations are not public)
 */
record ServiceSpec(String name, String process, int port, boolean edge, String heap, int managementPort) {

    static final String DEFAULT_HEAP = "160m";
    /** Where every heap starts; it grows on demand up to {@link #heap()}. */
    static final String INITIAL_HEAP = "16m";

    static ServiceSpec backend(String name, int port) {
        return new ServiceSpec(name, name, port, false, DEFAULT_HEAP, port);
    }

    /** Instance {@code n} (from 1) of a service that runs several times. */
    static ServiceSpec instance(String name, int n, int port) {
        return new ServiceSpec(name, name + "-" + n, port, false, DEFAULT_HEAP, port);
    }

    static ServiceSpec edge(String name, int port, int managementPort) {
        return new ServiceSpec(name, name, port, true, DEFAULT_HEAP, managementPort);
    }

    /** Every service but the edge owns a database (named after it). */
    boolean needsDatabase() {
        return !edge;
    }

    String initialHeap() {
        return INITIAL_HEAP;
    }

    /** Whether the actuator listens apart from the service's port. */
    boolean separateManagementPort() {
        return managementPort != port;
    }

    String bindAddress() {
        return edge ? "0.0.0.0" : "127.0.0.1";
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The executable jar, not the {@code .original} the repackaging leaves, nor sources or javadoc jars. */
    Optional<Path> jar(Path root) {
        Path target = root.resolve("services").resolve(name).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> isExecutableJar(f.getFileName().toString()))
                    .max(Comparator.comparingLong(ServiceSpec::lastModified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isExecutableJar(String file) {
        return file.startsWith(name + "-")
                && file.endsWith(".jar")
                && !file.endsWith("-sources.jar")
                && !file.endsWith("-javadoc.jar")
                && !file.endsWith("-tests.jar")
                && !file.endsWith("-plain.jar");
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
