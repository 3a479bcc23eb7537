package dev.ticketing.platform.test;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import dev.ticketing.platform.embedded.Folders;
import dev.ticketing.platform.embedded.NatsServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real infrastructure of a test JVM: one PostgreSQL server, started on first use and stopped when the
 * JVM exits, with a fresh database per caller; and fresh {@code nats-server} processes on demand, so that
 * streams never leak from one test class into the next. Their folders are deleted when the JVM exits: a
 * PostgreSQL data folder is about 250 MB, and a full test run starts some thirty test JVMs.
 */
public final class TestInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final List<Path> FOLDERS = new CopyOnWriteArrayList<>();
    private static volatile EmbeddedPostgresServer postgres;

    static {
        // One hook, not one per server: hooks run concurrently, and a data folder goes only after its server.
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::cleanUp, "test-infrastructure-clean-up"));
    }

    private TestInfrastructure() {}

    /** The JVM's PostgreSQL server (not durable: tests that crash PostgreSQL start their own). */
    public static EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            synchronized (TestInfrastructure.class) {
                if (postgres == null) {
                    Path dataDir = tempDir("ticketing-test-pg");
                    FOLDERS.add(dataDir.resolveSibling(dataDir.getFileName() + ".log")); // its log, beside it
                    postgres = EmbeddedPostgresServer.start(dataDir, 0, false);
                }
            }
        }
        return postgres;
    }

    /** Creates an empty database with a unique name starting with {@code prefix} and returns its name. */
    public static String freshDatabase(String prefix) {
        String name = (prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet());
        if (name.length() > 60) {
            name = "db_" + DATABASES.incrementAndGet();
        }
        postgres().createDatabaseIfMissing(name);
        return name;
    }

    /** A new nats-server with JetStream on a free port and its own store; the caller stops it. */
    public static NatsServerProcess freshNats() {
        return NatsServerProcess.start(tempDir("ticketing-test-nats"), "127.0.0.1", 0);
    }

    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            FOLDERS.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the PostgreSQL server, then deletes every folder (and the server's log). */
    private static void cleanUp() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (RuntimeException e) {
            // the JVM is exiting: its folder is deleted all the same
        }
        for (Path folder : FOLDERS) {
            try {
                Folders.deleteRecursively(folder);
            } catch (IOException | UncheckedIOException e) {
                // the JVM is exiting: what cannot be deleted stays in the temporary folder
            }
        }
    }
}
