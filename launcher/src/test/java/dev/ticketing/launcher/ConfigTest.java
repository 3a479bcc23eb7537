package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void defaultsToEmbeddedInfrastructureUnderTheRepository() {
        Config config = Config.from(Map.of(), REPO);

        assertThat(config.root()).isEqualTo(REPO);
        assertThat(config.dataDir()).isEqualTo(Path.of("/repo/.ticketing"));
        assertThat(config.logsDir()).isEqualTo(Path.of("/repo/.ticketing/logs"));
        assertThat(config.stateFile()).isEqualTo(Path.of("/repo/.ticketing/state.json"));
        assertThat(config.webPort()).isEqualTo(8080);
        assertThat(config.publicUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.database()).isEmpty();
        assertThat(config.natsUrl()).isEmpty();
    }

    @Test
    void readsTheEnvironment() {
        Config config = Config.from(
                Map.of(
                        "TICKETING_HOME", "/checkout",
                        "TICKETING_DATA_DIR", "/var/ticketing",
                        "TICKETING_PORT", "9090",
                        "TICKETING_DATABASE_URL", "jdbc:postgresql://db.example:5432/",
                        "TICKETING_DATABASE_USER", "app",
                        "TICKETING_DATABASE_PASSWORD", "secret",
                        "TICKETING_NATS_URL", "nats://nats.example:4222"),
                REPO);

        assertThat(config.root()).isEqualTo(Path.of("/checkout"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/ticketing"));
        assertThat(config.webPort()).isEqualTo(9090);
        assertThat(config.database()).contains(new Database("jdbc:postgresql://db.example:5432/", "app", "secret"));
        assertThat(config.natsUrl()).contains("nats://nats.example:4222");
    }

    @Test
    void externalDatabaseUrlKeepsOnlyTheServerPart() {
        assertThat(Database.of("jdbc:postgresql://db:5432", "u", "p").url("orders"))
                .isEqualTo("jdbc:postgresql://db:5432/orders");
        assertThat(Database.of("jdbc:postgresql://db:5432/postgres?sslmode=require", "u", "p")
                        .url("orders"))
                .isEqualTo("jdbc:postgresql://db:5432/orders");
        assertThatThrownBy(() -> Database.of("postgres://db", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TICKETING_DATABASE_URL");
    }

    @Test
    void rejectsAPortThatIsNotOne() {
        assertThatThrownBy(() -> Config.from(Map.of("TICKETING_PORT", "http"), REPO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a TCP port: http");
        assertThatThrownBy(() -> Config.from(Map.of("TICKETING_PORT", "70000"), REPO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clusterModeTakesOddNodeCountsAndUpToFourInstances() {
        Config config = Config.from(Map.of("TICKETING_NATS_NODES", "3", "TICKETING_REPLICAS", "2"), REPO);
        assertThat(config.natsNodes()).isEqualTo(3);
        assertThat(config.replicas()).isEqualTo(2);
        assertThat(config.natsCluster()).isTrue();

        Config single = Config.from(Map.of(), REPO);
        assertThat(single.natsNodes()).isEqualTo(1);
        assertThat(single.replicas()).isEqualTo(1);
        assertThat(single.natsCluster()).isFalse();

        // a cluster of its own only when NATS is not external
        assertThat(Config.from(Map.of("TICKETING_NATS_NODES", "3", "TICKETING_NATS_URL", "nats://x:4222"), REPO)
                        .natsCluster())
                .isFalse();

        assertThatThrownBy(() -> Config.from(Map.of("TICKETING_NATS_NODES", "2"), REPO))
                .hasMessage("TICKETING_NATS_NODES must be one of [1, 3, 5]: 2");
        assertThatThrownBy(() -> Config.from(Map.of("TICKETING_REPLICAS", "five"), REPO))
                .hasMessage("TICKETING_REPLICAS must be one of [1, 2, 3, 4]: five");
    }
}
