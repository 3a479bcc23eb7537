package dev.ticketing.platform.messaging;

import io.nats.client.Connection;

/** The broker's view of a durable consumer, as tests wait on it. */
public final class DurableConsumers {

    private DurableConsumers() {}

    /**
     * Whether the consumer has nothing pending and nothing awaiting its acknowledgement; false when the broker
     * cannot be asked (a test polls this, so "not yet" is the honest answer).
     */
    public static boolean settled(Connection connection, String stream, String consumer) {
        try {
            var info = connection.jetStreamManagement().getConsumerInfo(stream, consumer);
            return info.getNumPending() == 0 && info.getNumAckPending() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
