package dev.ticketing.platform.test;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import dev.ticketing.platform.embedded.NatsServerProcess;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The database and nats-server that belong to one {@link ServiceTest} class. */
public record ClassInfrastructure(String database, NatsServerProcess nats) {

    private static final Map<Class<?>, ClassInfrastructure> BY_CLASS = new ConcurrentHashMap<>();

    /** The infrastructure of a test class, created on first use. */
    public static ClassInfrastructure of(Class<?> testClass) {
        return BY_CLASS.computeIfAbsent(
                testClass,
                c -> new ClassInfrastructure(
                        TestInfrastructure.freshDatabase(c.getSimpleName()), TestInfrastructure.freshNats()));
    }

    public EmbeddedPostgresServer postgres() {
        return TestInfrastructure.postgres();
    }

    public String jdbcUrl() {
        return postgres().jdbcUrl(database);
    }

    static void release(Class<?> testClass) {
        ClassInfrastructure infra = BY_CLASS.remove(testClass);
        if (infra != null) {
            infra.nats.stop();
            infra.postgres().dropDatabase(infra.database);
        }
    }
}
