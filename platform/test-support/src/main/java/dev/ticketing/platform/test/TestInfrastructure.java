package dev.ticketing.platform.test;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import dev.ticketing.platform.embedded.NatsServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real infrastructure of a test JVM: one PostgreSQL server, started on first use and stopped when the
 * JVM exits, with a fresh database per caller; and fresh {@code nats-server} processes on demand, so that
 * streams never leak from one test class into the next.
 */
public final class TestInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile EmbeddedPostgresServer postgres;

    private TestInfrastructure() {}

    /** The JVM's PostgreSQL server (not durable: tests that crash PostgreSQL start their own). */
    public static EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            synchronized (TestInfrastructure.class) {
                if (postgres == null) {
                    var server = EmbeddedPostgresServer.start(tempDir("ticketing-test-pg"), 0, false);
                    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
                    postgres = server;
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
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
