package dev.ticketing.expiration.timer;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.context.SmartLifecycle;

/**
 * Runs db-scheduler while the application runs. Its phase is above the messaging platform's (outbox relay,
 * consumers), so it starts after them and stops first; every lifecycle stops before singletons (the DataSource
 * among them) are destroyed, so timers in flight finish on a working pool.
 */
final class SchedulerLifecycle implements SmartLifecycle {

    static final int PHASE = Integer.MAX_VALUE - 2048;

    private final Scheduler scheduler;
    private volatile boolean running;

    SchedulerLifecycle(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        scheduler.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.stop(); // waits up to ticketing.expiration.shutdown-max-wait for timers being fired
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
