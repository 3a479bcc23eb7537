package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceRegistryTest {

    private final Config config = Config.from(
            Map.of(
                    "TICKETING_PORT", "9090",
                    "TICKETING_RESERVATION_TTL", "10s",
                    "TICKETING_FAULTS_ENABLED", "true",
                    "HOME", "/root"),
            Path.of("/repo"));
    private final Database database = Database.embedded(15432, "secret").as("tickets", "tickets-secret");

    @Test
    void runsEveryServiceOnItsDocumentedPort() {
        assertThat(ServiceRegistry.services(config))
                .extracting(ServiceSpec::name, ServiceSpec::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("auth", 18081),
                                org.assertj.core.groups.Tuple.tuple("tickets", 18082),
                        org.assertj.core.groups.Tuple.tuple("orders", 18083),
                                org.assertj.core.groups.Tuple.tuple("payments", 18084),
                        org.assertj.core.groups.Tuple.tuple("expiration", 18085),
                                org.assertj.core.groups.Tuple.tuple("web", 9090));
        assertThat(ServiceRegistry.databases(config))
                .containsExactly("auth", "tickets", "orders", "payments", "expiration");
    }

    @Test
    void inClusterModeEveryBackendRunsAsSeveralInstancesOnPortsAHundredApartBehindOneEdge() {
        Config cluster = Config.from(
                Map.of("TICKETING_PORT", "9090", "TICKETING_REPLICAS", "2", "TICKETING_NATS_NODES", "3"),
                Path.of("/repo"));

        assertThat(ServiceRegistry.services(cluster))
                .extracting(ServiceSpec::process, ServiceSpec::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("auth-1", 18081),
                        org.assertj.core.groups.Tuple.tuple("auth-2", 18181),
                        org.assertj.core.groups.Tuple.tuple("tickets-1", 18082),
                        org.assertj.core.groups.Tuple.tuple("tickets-2", 18182),
                        org.assertj.core.groups.Tuple.tuple("orders-1", 18083),
                        org.assertj.core.groups.Tuple.tuple("orders-2", 18183),
                        org.assertj.core.groups.Tuple.tuple("payments-1", 18084),
                        org.assertj.core.groups.Tuple.tuple("payments-2", 18184),
                        org.assertj.core.groups.Tuple.tuple("expiration-1", 18085),
                        org.assertj.core.groups.Tuple.tuple("expiration-2", 18185),
                        org.assertj.core.groups.Tuple.tuple("web", 9090));
        assertThat(ServiceRegistry.databases(cluster))
                .containsExactly("auth", "tickets", "orders", "payments", "expiration");

        Map<String, String> edge = ServiceRegistry.environment(
                ServiceRegistry.byName(cluster, "web"),
                cluster,
                database,
                "nats://a,nats://b",
                java.util.Optional.empty());
        assertThat(edge)
                .containsEntry("TICKETING_ROUTES_ORDERS_URL", "http://127.0.0.1:18083,http://127.0.0.1:18183")
                .containsEntry("TICKETING_ROUTES_AUTH_URL", "http://127.0.0.1:18081,http://127.0.0.1:18181");

        ServiceSpec secondOrders = ServiceRegistry.instances(cluster, "orders").get(1);
        Map<String, String> orders = ServiceRegistry.environment(
                secondOrders, cluster, database, "nats://a,nats://b", java.util.Optional.empty());
        assertThat(orders)
                .containsEntry("SERVER_PORT", "18183")
                .containsEntry("TICKETING_NATS_URL", "nats://a,nats://b")
                .containsEntry("TICKETING_NATS_STREAMREPLICAS", "3")
                .containsEntry("TICKETING_SECURITY_JWKS_URL", "http://127.0.0.1:9090/api/users/.well-known/jwks.json")
                .containsEntry("TICKETING_MESSAGING_SIGNALOTHERINSTANCES", "true");
    }

    @Test
    void aSingleInstanceStackKeepsOneReplicaStreamsAndNoCrossInstanceSignals() {
        Map<String, String> env = ServiceRegistry.environment(
                ServiceRegistry.byName(config, "orders"), config, database, "nats://x", java.util.Optional.empty());
        assertThat(env).doesNotContainKeys("TICKETING_NATS_STREAMREPLICAS", "TICKETING_MESSAGING_SIGNALOTHERINSTANCES");
        assertThat(ServiceRegistry.byName(config, "orders").process()).isEqualTo("orders");
    }

    @Test
    void aBackendGetsItsDatabaseNatsJwksAndEveryTicketingSetting() {
        Map<String, String> env = ServiceRegistry.environment(
                ServiceRegistry.byName(config, "tickets"),
                config,
                database,
                "nats://127.0.0.1:14222",
                java.util.Optional.of(new ServiceRegistry.NatsLogin("tickets", "nats-secret")));

        assertThat(env)
                .containsEntry("SERVER_PORT", "18082")
                .containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:15432/tickets")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "tickets")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "tickets-secret")
                .containsEntry("SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT", "60000")
                .containsEntry("TICKETING_NATS_URL", "nats://127.0.0.1:14222")
                .containsEntry("TICKETING_NATS_USER", "tickets")
                .containsEntry("TICKETING_NATS_PASSWORD", "nats-secret")
                .containsEntry("TICKETING_SECURITY_JWKS_URL", "http://127.0.0.1:18081/api/users/.well-known/jwks.json")
                .containsEntry("TICKETING_RESERVATION_TTL", "10s")
                .containsEntry("TICKETING_FAULTS_ENABLED", "true")
                .containsEntry("TICKETING_INITIAL_CREDITS", "500")
                .containsEntry("TICKETING_PORT", "9090")
                .doesNotContainKey("HOME")
                .doesNotContainKey("TICKETING_ROUTES_AUTH_URL");
    }

    @Test
    void theEdgeListensEverywhereAndKnowsTheUpstreams() {
        Map<String, String> env = ServiceRegistry.environment(
                ServiceRegistry.byName(config, "web"),
                config,
                database,
                "nats://127.0.0.1:14222",
                java.util.Optional.empty());

        assertThat(env)
                .containsEntry("SERVER_PORT", "9090")
                .containsEntry("SERVER_ADDRESS", "0.0.0.0")
                .containsEntry("TICKETING_ROUTES_AUTH_URL", "http://127.0.0.1:18081")
                .containsEntry("TICKETING_ROUTES_TICKETS_URL", "http://127.0.0.1:18082")
                .containsEntry("TICKETING_ROUTES_ORDERS_URL", "http://127.0.0.1:18083")
                .containsEntry("TICKETING_ROUTES_PAYMENTS_URL", "http://127.0.0.1:18084")
                .doesNotContainKey("SPRING_DATASOURCE_URL");
    }

    @Test
    void theEdgeServesItsActuatorOnALoopbackPortOfItsOwnWhereItsReadinessIsProbed() {
        ServiceSpec web = ServiceRegistry.byName(config, "web");
        Map<String, String> env = ServiceRegistry.environment(
                web, config, database, "nats://127.0.0.1:14222", java.util.Optional.empty());

        assertThat(web.managementPort()).isEqualTo(18080);
        assertThat(env)
                .containsEntry("MANAGEMENT_SERVER_PORT", "18080")
                .containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        assertThat(ServiceRegistry.probePort(config, "web", 9090)).isEqualTo(18080);
    }

    @Test
    void internalServicesAreProbedOnTheirOwnPort() {
        ServiceSpec tickets = ServiceRegistry.byName(config, "tickets");
        Map<String, String> env = ServiceRegistry.environment(
                tickets, config, database, "nats://127.0.0.1:14222", java.util.Optional.empty());

        assertThat(tickets.managementPort()).isEqualTo(18082);
        assertThat(env).doesNotContainKeys("MANAGEMENT_SERVER_PORT", "MANAGEMENT_SERVER_ADDRESS");
        assertThat(ServiceRegistry.probePort(config, "tickets", 18082)).isEqualTo(18082);
        assertThat(ServiceRegistry.probePort(config, "nats", 14222)).isEqualTo(14222);
    }

    @Test
    void theEdgesManagementPortMovesWithTheOffset() {
        Config moved =
                Config.from(Map.of("TICKETING_PORT", "29090", "TICKETING_PORT_OFFSET", "20000"), Path.of("/repo"));
        assertThat(ServiceRegistry.byName(moved, "web").managementPort()).isEqualTo(38080);
        assertThat(ServiceRegistry.probePort(moved, "web", 29090)).isEqualTo(38080);
    }

    @Test
    void findsTheExecutableJarAndSkipsWhatIsNotBuilt(@TempDir Path root) throws IOException {
        Path target = Files.createDirectories(root.resolve("services/auth/target"));
        Path jar = Files.createFile(target.resolve("auth-0.1.0-SNAPSHOT.jar"));
        Path original = Files.createFile(target.resolve("auth-0.1.0-SNAPSHOT.jar.original"));
        Files.createFile(target.resolve("auth-0.1.0-SNAPSHOT-sources.jar"));
        Files.createFile(target.resolve("authx-0.1.0-SNAPSHOT.jar"));
        Files.setLastModifiedTime(original, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(ServiceSpec.backend("auth", 18081).jar(root)).contains(jar);
        assertThat(ServiceSpec.backend("orders", 18083).jar(root)).isEmpty();
    }
}
