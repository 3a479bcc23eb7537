package dev.ticketing.platform.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.nats.*}: where the service's nats-server is.
 *
 * @param url            the server URL
 * @param reconnectWait  pause between reconnect attempts (the client reconnects forever)
 * @param requestTimeout timeout of JetStream API requests (stream and consumer set-up)
 * @param streamReplicas replicas of the streams the service creates (1 locally, 3 in production)
 */
@ConfigurationProperties("ticketing.nats")
public record NatsProperties(
        @DefaultValue("nats://127.0.0.1:14222") String url,
        @DefaultValue("500ms") Duration reconnectWait,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("1") int streamReplicas) {
}
