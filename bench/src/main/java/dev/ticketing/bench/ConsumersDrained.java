package dev.ticketing.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits until every durable consumer of every stream has nothing pending, unacknowledged or waiting for
 * redelivery. Only then can the dead letters be counted: a message that keeps failing is parked after its last
 * redelivery (backoff 1 s, 5 s, 15 s, 30 s by default), well after the load stopped.
 */
final class ConsumersDrained {

    /** A consumer still busy: its stream, name and counts. */
    record Busy(String stream, String consumer, long pending, long ackPending, long redelivered) {

        @Override
        public String toString() {
            return "%s/%s pending %d, unacknowledged %d, redelivered %d"
                    .formatted(stream, consumer, pending, ackPending, redelivered);
        }
    }

    /**
     * How draining went.
     *
     * @param seconds   how long it took (or the timeout)
     * @param atFirst   the consumers busy when the load had stopped
     * @param remaining the consumers still busy at the timeout: none when all drained
     */
    record Drain(double seconds, List<Busy> atFirst, List<Busy> remaining) {}

    private ConsumersDrained() {}

    /** Waits at most {@code timeout} until no consumer is busy, checking every half second. */
    static Drain await(StackInfo stack, Duration timeout, Console console)
            throws IOException, InterruptedException, JetStreamApiException {
        Options options = new Options.Builder()
                .server(stack.natsUrl())
                .userInfo("admin", stack.natsPassword())
                .connectionName("bench-drain")
                .connectionTimeout(Duration.ofSeconds(3))
                .build();
        try (Connection connection = Nats.connect(options)) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            long nextNote = start + Duration.ofSeconds(5).toNanos();
            List<Busy> busy = busy(jsm);
            List<Busy> atFirst = busy;
            while (!busy.isEmpty() && System.nanoTime() < deadline) {
                if (System.nanoTime() > nextNote) {
                    console.say("  waiting for %d consumer(s) to drain, e.g. %s", busy.size(), busy.getFirst());
                    nextNote = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                Thread.sleep(500);
                busy = busy(jsm);
            }
            return new Drain((System.nanoTime() - start) / 1e9, atFirst, busy);
        }
    }

    private static List<Busy> busy(JetStreamManagement jsm) throws IOException, JetStreamApiException {
        var busy = new ArrayList<Busy>();
        for (String stream : jsm.getStreamNames()) {
            for (ConsumerInfo consumer : jsm.getConsumers(stream)) {
                long redelivered = consumer.getRedelivered();
                if (consumer.getNumPending() > 0 || consumer.getNumAckPending() > 0 || redelivered > 0) {
                    busy.add(new Busy(
                            stream,
                            consumer.getName(),
                            consumer.getNumPending(),
                            consumer.getNumAckPending(),
                            redelivered));
                }
            }
        }
        return busy;
    }
}
