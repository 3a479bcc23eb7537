package dev.ticketing.platform.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hears what the other instances of the service did that waiters of this one wait for (docs/decisions/0071): which
 * events they applied ({@link AppliedNotification}, sent by the {@link Inbox}), for read-your-writes waits
 * ({@link AppliedEvents}), and which outbox rows their relays published ({@link PublishedNotification}), for requests
 * that answer once their events are published ({@link PublishBeforeResponse}). One connection of its own does
 * {@code LISTEN} on both channels, and one thread is blocked on that connection's socket until notifications arrive
 * ({@link PGConnection#getNotifications(int)}); nothing polls the database.
 *
 * <p>When the connection breaks (PostgreSQL restarted, the session terminated) it connects again after a pause that
 * grows up to 5 s ({@link #RETRY}), logging once per outage. Once it listens again it wakes every waiter: what was
 * applied meanwhile was not heard, and a waiter looks again at what it waits for anyway ({@link AppliedEvents}).
 * After {@link #IDLE_CHECK} without a notification it asks the server whether the session is still there: a peer
 * that vanished without a word (its machine gone) would otherwise leave the socket silent for good.
 *
 * <p>Only with {@code ticketing.messaging.signal-other-instances}. The switch is
 * read at run time, not by a {@code @Conditional}: the services are built with Spring AOT, which decides those at
 * build time.
 */
final class OtherInstancesListener implements SmartLifecycle {

    /** Started after the consumers and stopped before them; the web server stops before either. */
    static final int PHASE = EventConsumers.PHASE + 1;

    static final Duration IDLE_CHECK = Duration.ofSeconds(30);
    static final Backoff RETRY = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private static final int VALIDITY_TIMEOUT_SECONDS = 5;
    /** Longer than a connection attempt may take (ListenerConnections), so a stopped listener's thread has ended. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(OtherInstancesListener.class);

    private final boolean enabled;
    private final ListenerConnections connections;
    private final AppliedEvents applied;
    private final java.util.function.Consumer<java.util.List<java.util.UUID>> published;
    private final Clock clock;

    private volatile boolean running;
    private volatile CountDownLatch stopRequested = new CountDownLatch(0);
    private volatile Thread thread;
    /** The connection the thread listens on, for {@link #stop()} to cut it short. */
    private volatile Connection current;

    /**
     * @param published hears the ids of events another instance's relay published (they may be this instance's)
     */
    OtherInstancesListener(
            boolean enabled,
            ListenerConnections connections,
            AppliedEvents applied,
            java.util.function.Consumer<java.util.List<java.util.UUID>> published,
            Clock clock) {
        this.enabled = enabled;
        this.connections = connections;
        this.applied = applied;
        this.published = published;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!enabled || running) {
            return;
        }
        connections.requireSettings();
        running = true;
        stopRequested = new CountDownLatch(1);
        thread = Thread.ofPlatform()
                .name(ListenerConnections.APPLICATION_NAME)
                .daemon(true)
                .start(this::listen);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopRequested.countDown();
        abort(current); // the thread is blocked reading its socket: closing it is what ends the read
        try {
            if (!thread.join(STOP_GRACE)) {
                log.warn("The listener for events applied by other instances did not stop within {}", STOP_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The thread: listen, and after a broken connection listen again, until stopped. */
    private void listen() {
        Instant outageSince = null;
        int failures = 0;
        while (running) {
            try (Connection connection = connections.open()) {
                current = connection;
                if (!running) {
                    return; // stopped while connecting: stop() may not have seen this connection
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + AppliedNotification.CHANNEL);
                    statement.execute("LISTEN " + PublishedNotification.CHANNEL);
                }
                if (outageSince == null) {
                    log.info("Listening on {} for events applied by other instances", AppliedNotification.CHANNEL);
                } else {
                    log.info(
                            "Listening on {} again, {} after the connection broke",
                            AppliedNotification.CHANNEL,
                            Duration.between(outageSince, clock.instant()));
                }
                outageSince = null;
                failures = 0;
                applied.wakeAll(); // listening only from now on: whatever was applied before is looked at again
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (outageSince == null) {
                    outageSince = clock.instant();
                    log.info(
                            "Not listening on {} for events applied by other instances ({}); connecting again",
                            AppliedNotification.CHANNEL,
                            e.toString());
                } else {
                    log.debug("Still not listening on {}: {}", AppliedNotification.CHANNEL, e.toString());
                }
                if (stopRequestedWithin(RETRY.after(++failures))) {
                    return;
                }
            } finally {
                current = null;
            }
        }
    }

    /** Blocks on the socket until notifications arrive and wakes their waiters; returns only when stopped. */
    private void receive(Connection connection) throws SQLException {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] received = notifications.getNotifications((int) IDLE_CHECK.toMillis());
            if (received == null || received.length == 0) {
                if (running && !connection.isValid(VALIDITY_TIMEOUT_SECONDS)) {
                    throw new SQLException("The listening session no longer answers");
                }
                continue;
            }
            for (PGNotification notification : received) {
                if (AppliedNotification.CHANNEL.equals(notification.getName())) {
                    wake(notification.getParameter());
                } else if (PublishedNotification.CHANNEL.equals(notification.getName())) {
                    published.accept(PublishedNotification.parse(notification.getParameter()));
                }
            }
        }
    }

    private void wake(String payload) {
        AppliedNotification.parse(payload)
                .ifPresentOrElse(
                        notification -> {
                            if (notification.aggregateId() == null) {
                                applied.appliedToSomeAggregate(notification.consumer(), notification.eventId());
                            } else {
                                applied.applied(
                                        notification.consumer(), notification.eventId(), notification.aggregateId());
                            }
                        },
                        () -> log.debug("Ignoring a notification on {}: {}", AppliedNotification.CHANNEL, payload));
    }

    private boolean stopRequestedWithin(Duration pause) {
        try {
            return stopRequested.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void abort(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Runnable::run); // pgjdbc closes the socket at once, without the lock the reader holds
        } catch (SQLException e) {
            log.debug("Could not abort the listening connection: {}", e.toString());
        }
    }
}
