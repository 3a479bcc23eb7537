package dev.ticketing.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @TempDir
    Path dir;

    @Test
    void aDurablePostgresKeepsItsDataAcrossARestartWithFsyncOn() throws Exception {
        try (var pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, true)) {
            assertThat(pg.show("fsync")).isEqualTo("on");
            assertThat(pg.show("synchronous_commit")).isEqualTo("on");
            pg.createDatabaseIfMissing("tickets");
            pg.createDatabaseIfMissing("tickets");
            try (var c = pg.connect("tickets")) {
                c.createStatement().execute("create table t(x int); insert into t values (42)");
            }
            int port = pg.port();
            pg.restart();
            assertThat(pg.port()).isEqualTo(port);
            try (var c = pg.connect("tickets"); var rs = c.createStatement().executeQuery("select x from t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void natsKeepsStreamsAcrossAKillAndRestartOnTheSamePort() throws Exception {
        try (var nats = NatsServerProcess.start(dir.resolve("nats"), "127.0.0.1", 0)) {
            int port = nats.port();
            try (var nc = Nats.connect(nats.url())) {
                nc.jetStreamManagement().addStream(StreamConfiguration.builder()
                        .name("T").subjects("T.*").storageType(StorageType.File).build());
                nc.jetStream().publish("T.a", "x".getBytes());
            }
            nats.kill();
            assertThat(nats.isAlive()).isFalse();
            nats.restart();
            assertThat(nats.port()).isEqualTo(port);
            try (var nc = Nats.connect(nats.url())) {
                assertThat(nc.jetStreamManagement().getStreamInfo("T").getStreamState().getMsgCount())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void syncAlwaysNeedsVersionTwoTenOrLater() {
        assertThat(NatsServerProcess.supportsSyncAlways("2.9.10")).isFalse();
        assertThat(NatsServerProcess.supportsSyncAlways("2.10.27")).isTrue();
        assertThat(NatsServerProcess.supportsSyncAlways("v2.15.1")).isTrue();
    }
}
