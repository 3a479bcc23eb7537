package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsDescriptionTest {

    @TempDir
    Path natsDir;

    @Test
    void statusNamesTheNatsServersVersionAndWhetherItSyncsEveryWrite() throws Exception {
        Files.writeString(natsDir.resolve("nats-server.log"), """
                [1939] 2026/11/26 14:34:17.620450 [INF] Starting nats-server
                [1939] 2026/11/26 14:34:17.620510 [INF]   Version:  2.15.1
                [1939] 2026/11/26 14:34:17.621015 [INF] Starting JetStream
                """);
        Files.writeString(natsDir.resolve("nats-server.conf"), "jetstream {\n  sync_interval: always\n}\n");

        assertThat(Commands.natsDescription(natsDir))
                .contains("nats-server 2.15.1, JetStream sync_interval: always (fsync before every acknowledgement)");
    }

    @Test
    void anExternalNatsIsNotDescribed() {
        assertThat(Commands.natsDescription(natsDir)).isEmpty();
    }
}
