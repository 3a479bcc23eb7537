package dev.ticketing.platform.messaging;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the dead-letter replays and the housekeeping (the retentions of the outbox and the inbox, and the deletion of
 * retired consumers that an older instance created again) on one background thread.
 */
final class MessagingMaintenance implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessagingMaintenance.class);

    private final DeadLetterReplayer replayer;
    private final Housekeeping housekeeping;
    private final EventConsumers consumers;
    private final MessagingProperties properties;
    private volatile ScheduledExecutorService scheduler;

    MessagingMaintenance(
            DeadLetterReplayer replayer,
            Housekeeping housekeeping,
            EventConsumers consumers,
            MessagingProperties properties) {
        this.replayer = replayer;
        this.housekeeping = housekeeping;
        this.consumers = consumers;
        this.properties = properties;
    }

    /** Look for replay requests now rather than at the next poll. */
    void wake() {
        ScheduledExecutorService current = scheduler;
        if (current != null && !current.isShutdown()) {
            try {
                current.execute(this::replay);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // stopping
            }
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable ->
                Thread.ofPlatform().name("messaging-maintenance").daemon().unstarted(runnable));
        long replayMillis = properties.deadLetterPollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::replay, replayMillis, replayMillis, TimeUnit.MILLISECONDS);
        long housekeepingMillis = properties.housekeepingInterval().toMillis();
        scheduler.scheduleWithFixedDelay(
                this::housekeeping, housekeepingMillis, housekeepingMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService current = scheduler;
        scheduler = null;
        if (current != null) {
            current.shutdown();
            try {
                if (!current.awaitTermination(properties.ackWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    current.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return EventConsumers.PHASE;
    }

    private void replay() {
        try {
            replayer.replayRequested();
        } catch (RuntimeException e) {
            log.warn("Dead-letter replay poll failed: {}", e.toString());
        }
    }

    private void housekeeping() {
        try {
            housekeeping.run();
        } catch (RuntimeException e) {
            log.warn("Messaging housekeeping failed: {}", e.toString());
        }
        try {
            consumers.deleteRetired();
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            log.warn("Could not delete the retired consumers: {}", e.toString());
        }
    }
}
