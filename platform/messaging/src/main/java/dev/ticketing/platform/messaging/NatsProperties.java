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
 * @param user           the service's NATS user (none: connect anonymously, as to a test server)
 * @param password       its password
 * @param inboxPrefix    where replies reach this client; by default {@code _INBOX_<user>} when there is a user, so
 *                       a server can let each user read only its own replies (plain {@code _INBOX} without one)
 */
@ConfigurationProperties("ticketing.nats")
public record NatsProperties(
        @DefaultValue("nats://127.0.0.1:14222") String url,
        @DefaultValue("500ms") Duration reconnectWait,
        @DefaultValue("5s") Duration requestTimeout,
        @DefaultValue("1") int streamReplicas,
        String user,
        String password,
        String inboxPrefix) {

    public NatsProperties {
        user = user == null || user.isBlank() ? null : user;
        if (inboxPrefix == null || inboxPrefix.isBlank()) {
            inboxPrefix = user == null ? "_INBOX" : "_INBOX_" + user;
        }
    }
}
