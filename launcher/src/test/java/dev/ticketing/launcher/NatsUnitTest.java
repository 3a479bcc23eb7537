package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsUnitTest {

    @Test
    void oneServerUnlessACountOfNodesIsAsked() {
        Config config = Config.from(Map.of("TICKETING_DATA_DIR", "/data"), Path.of("/repo"));

        List<NatsUnit> nats = NatsUnit.of(config, List.of(), "route-secret");

        assertThat(nats)
                .extracting(NatsUnit::name, NatsUnit::port)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nats", 14222));
        assertThat(nats.getFirst().logFile()).isEqualTo(Path.of("/data/nats/nats-server.log"));
    }

    @Test
    void aClusterHasANamedNodePerCountOnConsecutivePortsMovedByTheOffsetEachWithItsOwnStore() {
        Config config = Config.from(
                Map.of("TICKETING_DATA_DIR", "/data", "TICKETING_NATS_NODES", "3", "TICKETING_PORT_OFFSET", "100"),
                Path.of("/repo"));

        List<NatsUnit> nats = NatsUnit.of(config, List.of(), "route-secret");

        assertThat(nats)
                .extracting(NatsUnit::name, NatsUnit::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nats-1", 14322),
                        org.assertj.core.groups.Tuple.tuple("nats-2", 14323),
                        org.assertj.core.groups.Tuple.tuple("nats-3", 14324));
        assertThat(nats.get(1).logFile()).isEqualTo(Path.of("/data/nats-cluster/nats-2/nats-server.log"));
    }
}
