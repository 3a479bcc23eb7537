package dev.ticketing.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            try (var c = pg.connect("tickets");
                    var rs = c.createStatement().executeQuery("select x from t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void everyConnectionNeedsTheSuperusersPassword() throws Exception {
        try (var pg = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, false)) {
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "")
                            .close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "wrong")
                            .close())
                    .isInstanceOf(SQLException.class);
            try (var c = pg.connect("postgres")) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aDataFolderThatTrustedEveryoneIsSwitchedToPasswordsOnItsNextStart() throws Exception {
        Path data = dir.resolve("pg");
        try (var pg = EmbeddedPostgresServer.start(data, 0, false);
                var c = pg.connect("postgres")) {
            c.createStatement().execute("alter role postgres password null"); // as an earlier version left it
        }
        Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");

        var options = new EmbeddedPostgresServer.Options(
                data, 0, false, "new-password", dir.resolve("pg.log"), java.util.Map.of());
        try (var pg = EmbeddedPostgresServer.start(options)) {
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "")
                            .close())
                    .isInstanceOf(SQLException.class);
            try (var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "new-password")) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aDataFolderThatInitdbNeverFinishedIsSetAsideAndInitialisedAgain() throws Exception {
        Path data = Files.createDirectories(dir.resolve("pg"));
        Files.writeString(data.resolve("postgresql.conf"), "# half of what initdb writes\n");

        try (var pg = EmbeddedPostgresServer.start(data, 0, false);
                var c = pg.connect("postgres")) {
            assertThat(c.isValid(5)).isTrue();
        }
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("pg.incomplete-"));
        }
    }

    @Test
    void natsKeepsStreamsAcrossAKillAndRestartOnTheSamePort() throws Exception {
        try (var nats = NatsServerProcess.start(dir.resolve("nats"), "127.0.0.1", 0)) {
            int port = nats.port();
            try (var nc = Nats.connect(nats.url())) {
                nc.jetStreamManagement()
                        .addStream(StreamConfiguration.builder()
                                .name("T")
                                .subjects("T.*")
                                .storageType(StorageType.File)
                                .build());
                nc.jetStream().publish("T.a", "x".getBytes());
            }
            nats.kill();
            assertThat(nats.isAlive()).isFalse();
            nats.restart();
            assertThat(nats.port()).isEqualTo(port);
            try (var nc = Nats.connect(nats.url())) {
                assertThat(nc.jetStreamManagement()
                                .getStreamInfo("T")
                                .getStreamState()
                                .getMsgCount())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void natsRunsWithOneGoProcessorUnlessTheEnvironmentChoseAnother() throws Exception {
        String chosen = System.getenv(NatsServerProcess.GO_PROCESSORS);
        String expected = chosen == null || chosen.isBlank() ? "1" : chosen;
        try (var nats = NatsServerProcess.start(dir.resolve("nats"), "127.0.0.1", 0)) {
            String environment = Files.readString(Path.of("/proc", Long.toString(nats.pid()), "environ"));
            assertThat(environment.split("\0")).contains("GOMAXPROCS=" + expected);
        }

        var four = new HashMap<>(Map.of("GOMAXPROCS", "4"));
        NatsServerProcess.withOneGoProcessor(four);
        assertThat(four).containsEntry("GOMAXPROCS", "4");
        var blank = new HashMap<>(Map.of("GOMAXPROCS", " "));
        NatsServerProcess.withOneGoProcessor(blank);
        assertThat(blank).containsEntry("GOMAXPROCS", "1");
    }

    @Test
    void aThreeNodeClusterKeepsAReplicatedStreamWritableWhenItsLeaderIsKilled() throws Exception {
        int base = freeBase(9);
        List<Integer> routes = List.of(base + 3, base + 4, base + 5);
        var nodes = new java.util.ArrayList<NatsServerProcess>();
        try {
            for (int i = 0; i < 3; i++) {
                var node = new NatsClusterNode(
                        "n" + i, "test", base + 3 + i, base + 6 + i, routes, "route", "route-secret");
                nodes.add(NatsServerProcess.startNode(dir.resolve("n" + i), "127.0.0.1", base + i, List.of(), node));
            }
            String urls = nodes.stream().map(NatsServerProcess::url).collect(java.util.stream.Collectors.joining(","));
            try (var nc = Nats.connect(new Options.Builder().server(urls).build())) {
                var jsm = nc.jetStreamManagement();
                var info = retry(() -> jsm.addStream(StreamConfiguration.builder()
                        .name("T")
                        .subjects("T.*")
                        .storageType(StorageType.File)
                        .replicas(3)
                        .build()));
                assertThat(info.getConfiguration().getReplicas()).isEqualTo(3);
                nc.jetStream().publish("T.a", "before".getBytes());
                String leader =
                        retry(() -> jsm.getStreamInfo("T").getClusterInfo().getLeader());
                nodes.stream()
                        .filter(n -> n.cluster().orElseThrow().serverName().equals(leader))
                        .findFirst()
                        .orElseThrow()
                        .kill();
                retry(() -> nc.jetStream().publish("T.a", "after".getBytes()));
                assertThat(retry(() -> jsm.getStreamInfo("T").getClusterInfo().getLeader()))
                        .isNotEqualTo(leader);
                assertThat(jsm.getStreamInfo("T").getStreamState().getMsgCount())
                        .isEqualTo(2);
            }
        } finally {
            nodes.forEach(NatsServerProcess::stop);
        }
    }

    /** A route password or a node name that would break the configuration file is refused. */
    @Test
    void aClusterNodeRefusesNamesThatAreNotPlain() {
        assertThatThrownBy(() -> new NatsClusterNode("n\"1", "c", 1, 2, List.of(1), "route", "pw"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NatsClusterNode("n1", "c", 1, 2, List.of(1), "route", "p@w"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The first of {@code count} consecutive loopback ports that are all free now. */
    private static int freeBase(int count) throws java.io.IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = java.util.concurrent.ThreadLocalRandom.current().nextInt(20000, 30000);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                    free = true;
                } catch (java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new java.io.IOException("no free ports");
    }

    private interface Attempt<T> {
        T run() throws Exception;
    }

    /** JetStream answers "temporarily unavailable" while a cluster elects a leader: ask again until a deadline. */
    private static <T> T retry(Attempt<T> attempt) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                T result = attempt.run();
                if (result != null) {
                    return result;
                }
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer within 30 s");
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aServerWithUsersRefusesAnonymousClientsAndEnforcesEachUsersPermissions() throws Exception {
        var orders = new NatsUser("orders", "secret-1", List.of("ORDER.*", "$JS.API.>"), List.of("_INBOX_orders.>"));
        try (var nats = NatsServerProcess.start(dir.resolve("nats"), "127.0.0.1", 0, List.of(orders))) {
            assertThatThrownBy(() -> Nats.connect(nats.url()).close()).hasMessageContaining("Authorization Violation");
            assertThatThrownBy(
                            () -> Nats.connect(options(nats, "orders", "wrong")).close())
                    .hasMessageContaining("Authorization Violation");

            var violations = new java.util.concurrent.CopyOnWriteArrayList<String>();
            var reported = new java.util.concurrent.CountDownLatch(1);
            var options = new Options.Builder(options(nats, "orders", "secret-1"))
                    .inboxPrefix("_INBOX_orders")
                    .errorListener(new ErrorListener() {
                        @Override
                        public void errorOccurred(Connection conn, String error) {
                            violations.add(error);
                            reported.countDown();
                        }
                    })
                    .build();
            try (var nc = Nats.connect(options)) {
                nc.publish("ORDER.created", "ok".getBytes());
                nc.publish("PAYMENT.created", "forged".getBytes());
                nc.flush(Duration.ofSeconds(5));
                reported.await(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(violations)
                    .hasSize(1)
                    .first()
                    .asString()
                    .contains("Permissions Violation for Publish to \"PAYMENT.created\"");
        }
    }

    @Test
    void theNewestNatsServerInTheCacheFolderWins() throws Exception {
        for (String version : List.of("2.9.10", "2.15.1", "2.10.27")) {
            Path bin = Files.createDirectories(dir.resolve("cache/nats-server-" + version))
                    .resolve("nats-server");
            Files.writeString(bin, "#!/bin/sh\n");
            bin.toFile().setExecutable(true);
        }

        assertThat(NatsServerProcess.cachedBinary(dir.resolve("cache")))
                .contains(dir.resolve("cache/nats-server-2.15.1/nats-server"));
        assertThat(NatsServerProcess.isCurrent("2.9.10")).isFalse();
        assertThat(NatsServerProcess.isCurrent("2.10.22")).isFalse();
        assertThat(NatsServerProcess.isCurrent("2.10.23")).isTrue();
        assertThat(NatsServerProcess.isCurrent("2.15.1")).isTrue();
    }

    private static Options options(NatsServerProcess nats, String user, String password) {
        return new Options.Builder()
                .server(nats.url())
                .userInfo(user, password)
                .maxReconnects(0)
                .build();
    }

    @Test
    void syncAlwaysNeedsVersionTwoTenOrLater() {
        assertThat(NatsServerProcess.supportsSyncAlways("2.9.10")).isFalse();
        assertThat(NatsServerProcess.supportsSyncAlways("2.10.27")).isTrue();
        assertThat(NatsServerProcess.supportsSyncAlways("v2.15.1")).isTrue();
    }
}
