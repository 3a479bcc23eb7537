package dev.ticketing.platform.messaging;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one NATS connection of a service: reconnects forever, and says so in the log. */
final class NatsConnections {

    private static final Logger log = LoggerFactory.getLogger(NatsConnections.class);

    private NatsConnections() {}

    /**
     * Connects, waiting (and logging) while the server is not there yet: a service started a moment before
     * its broker comes up, instead of failing.
     */
    static Connection connect(NatsProperties properties, String name) throws IOException, InterruptedException {
        Options.Builder builder = new Options.Builder()
                .server(properties.url())
                .connectionName(name)
                .inboxPrefix(properties.inboxPrefix())
                .maxReconnects(-1)
                .reconnectWait(properties.reconnectWait())
                .connectionTimeout(properties.requestTimeout())
                .connectionListener(new LoggingConnectionListener())
                .errorListener(new LoggingErrorListener());
        if (properties.user() != null) {
            builder.userInfo(properties.user(), properties.password() == null ? "" : properties.password());
        }
        log.info(
                "Connecting to NATS at {}{}",
                properties.url(),
                properties.user() == null ? "" : " as " + properties.user());
        return Nats.connectReconnectOnConnect(builder.build());
    }

    /** Logs state changes once each: a failed reconnect attempt also reports DISCONNECTED. */
    private static final class LoggingConnectionListener implements ConnectionListener {
        private final java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void connectionEvent(Connection connection, Events event) {
            switch (event) {
                case DISCONNECTED -> {
                    if (up.compareAndSet(true, false)) {
                        log.warn("NATS connection lost; reconnecting");
                    }
                }
                case RECONNECTED, CONNECTED -> {
                    up.set(true);
                    log.info("NATS {} ({})", event.getEvent(), connection.getConnectedUrl());
                }
                case CLOSED -> {
                    up.set(false);
                    log.info("NATS connection closed");
                }
                default -> log.debug("NATS {}", event.getEvent());
            }
        }
    }

    /** Logs errors; connection failures repeat every reconnect attempt, so those are logged every 10 s. */
    private static final class LoggingErrorListener implements ErrorListener {
        private static final long QUIET_NANOS = java.time.Duration.ofSeconds(10).toNanos();
        private final java.util.concurrent.atomic.AtomicLong lastWarning = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void errorOccurred(Connection connection, String error) {
            log.warn("NATS error: {}", error);
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if ((last == 0 || now - last > QUIET_NANOS) && lastWarning.compareAndSet(last, now)) {
                log.warn("NATS connection problem: {}", exception.toString());
            } else {
                log.debug("NATS connection problem: {}", exception.toString());
            }
        }
    }
}
