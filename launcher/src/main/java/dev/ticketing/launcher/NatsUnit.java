package dev.ticketing.launcher;

import dev.ticketing.platform.embedded.NatsClusterNode;
import dev.ticketing.platform.embedded.NatsServerProcess;
import dev.ticketing.platform.embedded.NatsUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * A nats-server child process (JetStream, file storage, a user per service) as a supervised process: the only one
 * ({@code nats}), or one node of a JetStream cluster ({@code nats-1}, {@code nats-2}, ...).
 */
final class NatsUnit implements Supervised {

    static final String CLUSTER_NAME = "ticketing";
    static final String ROUTE_USER = "route";
    /** The name of the only nats-server; the nodes of a cluster are {@code nats-1}, {@code nats-2}, ... */
    static final String SINGLE = "nats";

    private final String name;
    private final Path storeDir;
    private final int port;
    private final List<NatsUser> users;
    private final Optional<NatsClusterNode> node;
    private volatile NatsServerProcess server;

    private NatsUnit(String name, Path storeDir, int port, List<NatsUser> users, Optional<NatsClusterNode> node) {
        this.name = name;
        this.storeDir = storeDir;
        this.port = port;
        this.users = List.copyOf(users);
        this.node = node;
    }

    /**
     * The nats-servers of this configuration: one in {@code <data>/nats}, or {@code TICKETING_NATS_NODES} nodes of
     * one cluster in {@code <data>/nats-cluster/nats-<n>}, on consecutive client, route and monitoring ports.
     */
    static List<NatsUnit> of(Config config, List<NatsUser> users, String routePassword) {
        if (!config.natsCluster()) {
            return List.of(new NatsUnit(
                    SINGLE, storeDir(config.dataDir(), SINGLE), config.natsPort(), users, Optional.empty()));
        }
        List<Integer> routes = IntStream.range(0, config.natsNodes())
                .mapToObj(i -> config.internalPort(Config.NATS_CLUSTER_PORT + i))
                .toList();
        var nodes = new ArrayList<NatsUnit>();
        for (int i = 0; i < config.natsNodes(); i++) {
            String name = SINGLE + "-" + (i + 1);
            var node = new NatsClusterNode(
                    name,
                    CLUSTER_NAME,
                    routes.get(i),
                    config.internalPort(Config.NATS_MONITOR_PORT + i),
                    routes,
                    ROUTE_USER,
                    routePassword);
            nodes.add(new NatsUnit(
                    name, storeDir(config.dataDir(), name), config.natsPort() + i, users, Optional.of(node)));
        }
        return List.copyOf(nodes);
    }

    /** The JetStream store (and log) of the nats-server named {@code name}: {@code nats}, or a node {@code nats-<n>}. */
    static Path storeDir(Path dataDir, String name) {
        return name.equals(SINGLE)
                ? dataDir.resolve(SINGLE)
                : dataDir.resolve("nats-cluster").resolve(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int layer() {
        return 1;
    }

    @Override
    public void start() {
        if (server == null) {
            server = node.isPresent()
                    ? NatsServerProcess.startNode(storeDir, "127.0.0.1", port, users, node.get())
                    : NatsServerProcess.start(storeDir, "127.0.0.1", port, users);
        } else {
            server.restart();
        }
    }

    NatsServerProcess server() {
        return server;
    }

    Path logFile() {
        return storeDir.resolve("nats-server.log");
    }

    @Override
    public boolean isAlive() {
        return server != null && server.isAlive();
    }

    @Override
    public OptionalLong pid() {
        return server == null ? OptionalLong.empty() : OptionalLong.of(server.pid());
    }

    @Override
    public String exitDescription() {
        return "stopped running";
    }

    /** A cluster node is ready once it says JetStream is usable on it (a meta leader is known, streams current). */
    @Override
    public boolean isReady() {
        return isAlive()
                && node.map(n -> HealthProbe.answersOk(n.monitorPort(), "/healthz"))
                        .orElseGet(() -> HealthProbe.acceptsConnections(port));
    }

    @Override
    public void stop(Duration grace) {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public String commandMarker() {
        return "nats-server";
    }
}
