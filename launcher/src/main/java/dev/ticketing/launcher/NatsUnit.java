package dev.ticketing.launcher;

import dev.ticketing.platform.embedded.NatsServerProcess;
import dev.ticketing.platform.embedded.NatsUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** The nats-server child process (JetStream, file storage, a user per service) as a supervised process. */
final class NatsUnit implements Supervised {

    private final Path storeDir;
    private final int port;
    private final List<NatsUser> users;
    private volatile NatsServerProcess server;

    NatsUnit(Path storeDir, int port, List<NatsUser> users) {
        this.storeDir = storeDir;
        this.port = port;
        this.users = List.copyOf(users);
    }

    @Override
    public String name() {
        return "nats";
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
            server = NatsServerProcess.start(storeDir, "127.0.0.1", port, users);
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

    @Override
    public boolean isReady() {
        return isAlive() && HealthProbe.acceptsConnections(port);
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
