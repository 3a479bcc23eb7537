package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Stream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.messaging.*}: outbox relay, consumers and dead letters.
 *
 * @param maxDeliver                failed deliveries after which a message is parked as a dead letter
 * @param backoff                   delay before the n-th redelivery of a failed message (the last one repeats)
 * @param retryLaterCap             deliveries after which even {@link RetryLater} gives up and parks the message
 * @param ackWait                   how long JetStream waits for an acknowledgement before redelivering
 * @param consumerBatchSize         messages a consumer takes at once and handles in one transaction
 * @param fetchExpiry               how long one pull request waits for messages
 * @param relayBatchSize            outbox rows claimed and published per transaction
 * @param relayPollInterval         backstop poll of the relay (commits wake it at once)
 * @param publishTimeout            how long the relay waits for the PubAcks of a batch
 * @param relayMarkDelay            how long the relay may put off marking published a row that no request waits
 *                                  for, so that the marks of several batches share one statement (0: at once);
 *                                  shorter than the lease of a handed-over row (docs/decisions/0075)
 * @param deadLetterPollInterval    how often replay requests of dead letters are looked for
 * @param outboxRetention           published outbox rows older than this are deleted
 * @param inboxRetention            inbox rows older than this are deleted
 * @param housekeepingInterval      how often the two retentions are applied
 * @param streams                   streams to create at start-up besides those of the consumers (the relay also
 *                                  creates the stream of any subject it publishes to)
 * @param publishBeforeResponse     how long an HTTP request that committed events waits for them to be published
 *                                  before it answers (read-your-writes, docs/decisions/0014); 0 disables
 * @param catchUpTimeout            how long {@link EventCatchUp#await} waits by default for consumers to catch up
 * @param signalOtherInstances      whether an event applied by one instance of the service also wakes the catch-up
 *                                  waits of its other instances (PostgreSQL {@code NOTIFY} in the consumer's
 *                                  transaction, one {@code LISTEN} connection per instance; docs/decisions/0071).
 *                                  Off by default: a single instance needs no such signal, and every notifying commit
 *                                  takes a lock that all of the server's notifying commits share. Turn it on wherever a
 *                                  service runs more than one instance (production does:
 *                                  {@code TICKETING_MESSAGING_SIGNALOTHERINSTANCES=true}), or a wait for an event
 *                                  another instance applied lasts its whole bound
 * @param retiredConsumers          event types ({@code ORDER.paid}) the service handled once and no longer does: their
 *                                  durable consumers are deleted at start-up (docs/decisions/0077)
 */
@ConfigurationProperties("ticketing.messaging")
public record MessagingProperties(
        @DefaultValue("5") int maxDeliver,
        @DefaultValue({"1s", "5s", "15s", "30s"}) List<Duration> backoff,
        @DefaultValue("100") int retryLaterCap,
        @DefaultValue("10s") Duration ackWait,
        @DefaultValue("32") int consumerBatchSize,
        @DefaultValue("2s") Duration fetchExpiry,
        @DefaultValue("100") int relayBatchSize,
        @DefaultValue("500ms") Duration relayPollInterval,
        @DefaultValue("10s") Duration publishTimeout,
        @DefaultValue("100ms") Duration relayMarkDelay,
        @DefaultValue("2s") Duration deadLetterPollInterval,
        @DefaultValue("1d") Duration outboxRetention,
        @DefaultValue("30d") Duration inboxRetention,
        @DefaultValue("10m") Duration housekeepingInterval,
        @DefaultValue Set<Stream> streams,
        @DefaultValue("2s") Duration publishBeforeResponse,
        @DefaultValue("2s") Duration catchUpTimeout,
        @DefaultValue("false") boolean signalOtherInstances,
        @DefaultValue List<String> retiredConsumers) {

    public MessagingProperties {
        if (maxDeliver < 1) {
            throw new IllegalArgumentException("ticketing.messaging.max-deliver must be at least 1");
        }
        backoff = backoff == null || backoff.isEmpty() ? List.of(Duration.ofSeconds(1)) : List.copyOf(backoff);
        streams = streams == null ? Set.of() : Set.copyOf(streams);
        retiredConsumers = retiredConsumers == null ? List.of() : List.copyOf(retiredConsumers);
        relayMarkDelay = nonNegative(relayMarkDelay);
        if (relayMarkDelay.compareTo(OutboxRelay.HANDED_OVER_LEASE.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("ticketing.messaging.relay-mark-delay must be at most half the "
                    + OutboxRelay.HANDED_OVER_LEASE.toSeconds() + " s lease of a handed-over row");
        }
        publishBeforeResponse = nonNegative(publishBeforeResponse);
        catchUpTimeout = nonNegative(catchUpTimeout);
    }

    private static Duration nonNegative(Duration duration) {
        return duration == null || duration.isNegative() ? Duration.ZERO : duration;
    }

    /** The delay before redelivering a message that failed on its {@code delivery}-th delivery (1-based). */
    public Duration backoffAfter(long delivery) {
        int index = (int) Math.min(Math.max(delivery - 1, 0), backoff.size() - 1);
        return backoff.get(index);
    }
}
