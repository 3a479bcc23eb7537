package dev.ticketing.launcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Keeps every process running: a process that dies, for whatever reason, is started again after a backoff
 * delay. Driven by {@link #tick()} from one loop, so its decisions are easy to follow and to test.
 */
final class Supervisor {

    enum State {
        RUNNING,
        WAITING,
        STOPPED
    }

    private static final Duration READY_PROBE_INTERVAL = Duration.ofSeconds(2);

    private final Backoff backoff;
    private final Clock clock;
    private final Consumer<String> log;
    private final List<Entry> entries = new ArrayList<>();
    private boolean stopping;

    Supervisor(Backoff backoff, Clock clock, Consumer<String> log) {
        this.backoff = backoff;
        this.clock = clock;
        this.log = log;
    }

    /** Supervises a process that is already running (the infrastructure starts before the services). */
    synchronized void adopt(Supervised unit) {
        var entry = new Entry(unit);
        entry.state = State.RUNNING;
        entry.startedAt = clock.instant();
        entries.add(entry);
    }

    /** Starts a process and supervises it; a failed first start is retried like a crash. */
    synchronized void launch(Supervised unit) {
        var entry = new Entry(unit);
        entries.add(entry);
        start(entry, clock.instant());
    }

    /** One supervision round: restart the dead, start the due, probe readiness. */
    synchronized void tick() {
        if (stopping) {
            return;
        }
        Instant now = clock.instant();
        for (Entry entry : entries) {
            switch (entry.state) {
                case RUNNING -> checkRunning(entry, now);
                case WAITING -> {
                    if (!now.isBefore(entry.restartAt)) {
                        start(entry, now);
                    }
                }
                case STOPPED -> {}
            }
        }
    }

    private void checkRunning(Entry entry, Instant now) {
        if (!entry.unit.isAlive()) {
            scheduleRestart(entry, now, entry.unit.exitDescription());
            return;
        }
        if (entry.consecutiveFailures > 0 && !now.isBefore(entry.startedAt.plus(backoff.resetAfter()))) {
            entry.consecutiveFailures = 0;
        }
        boolean due =
                !entry.ready || entry.lastProbe == null || !now.isBefore(entry.lastProbe.plus(READY_PROBE_INTERVAL));
        if (due) {
            entry.lastProbe = now;
            boolean ready = entry.unit.isReady();
            if (ready && !entry.ready) {
                entry.readyAt = now;
                String back = "";
                if (entry.downSince != null) {
                    entry.lastRestart = Duration.between(entry.downSince, now);
                    entry.downSince = null;
                    back = ", back %.1f s after it stopped".formatted(entry.lastRestart.toMillis() / 1000.0);
                }
                log.accept(entry.unit.name() + " is ready ("
                        + Duration.between(entry.startedAt, now).toMillis() + " ms after start" + back + ")");
            } else if (!ready && entry.ready) {
                log.accept(entry.unit.name() + " is no longer ready");
            }
            entry.ready = ready;
        }
    }

    private void scheduleRestart(Entry entry, Instant now, String how) {
        if (entry.downSince == null) {
            // a restart lasts from the end of the process to the next ready, failed starts in between included
            entry.downSince =
                    entry.unit.exitedAt().filter(exit -> exit.isBefore(now)).orElse(now);
        }
        entry.consecutiveFailures++;
        entry.restarts++;
        entry.lastExit = how;
        entry.ready = false;
        entry.readyAt = null;
        Duration delay = backoff.delay(entry.consecutiveFailures);
        entry.restartAt = now.plus(delay);
        entry.state = State.WAITING;
        log.accept("%s %s, restarting in %s (restart #%d)"
                .formatted(entry.unit.name(), how, seconds(delay), entry.restarts));
    }

    private void start(Entry entry, Instant now) {
        try {
            entry.unit.start();
            entry.state = State.RUNNING;
            entry.startedAt = clock.instant();
            entry.lastProbe = null;
        } catch (Exception e) {
            scheduleRestart(entry, now, "could not start (" + e.getMessage() + ")");
        }
    }

    /** Stops everything, highest layer first (services, then NATS, then PostgreSQL); no more restarts. */
    void stopAll(Duration grace) {
        TreeMap<Integer, List<Entry>> byLayer = new TreeMap<>(Comparator.reverseOrder());
        synchronized (this) {
            stopping = true;
            for (Entry entry : entries) {
                byLayer.computeIfAbsent(entry.unit.layer(), layer -> new ArrayList<>())
                        .add(entry);
            }
        }
        for (List<Entry> layer : byLayer.values()) {
            List<Thread> stoppers = layer.stream()
                    .map(entry -> Thread.ofVirtual().start(() -> stop(entry, grace)))
                    .toList();
            for (Thread stopper : stoppers) {
                try {
                    stopper.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void stop(Entry entry, Duration grace) {
        if (entry.unit.isAlive()) {
            log.accept("stopping " + entry.unit.name());
            try {
                entry.unit.stop(grace);
            } catch (RuntimeException e) {
                log.accept("could not stop " + entry.unit.name() + ": " + e);
            }
            log.accept(entry.unit.name() + " stopped");
        }
        synchronized (this) {
            entry.state = State.STOPPED;
            entry.ready = false;
        }
    }

    synchronized boolean allReady() {
        return !entries.isEmpty() && entries.stream().allMatch(e -> e.state == State.RUNNING && e.ready);
    }

    synchronized List<ProcessState> snapshot() {
        return entries.stream()
                .map(e -> new ProcessState(
                        e.unit.name(),
                        e.unit.port(),
                        e.state == State.RUNNING && e.unit.pid().isPresent()
                                ? e.unit.pid().getAsLong()
                                : null,
                        e.state.name().toLowerCase(),
                        e.ready,
                        e.restarts,
                        e.startedAt,
                        e.readyAt,
                        e.lastExit,
                        e.unit.commandMarker(),
                        e.lastRestart))
                .toList();
    }

    private static String seconds(Duration delay) {
        double s = delay.toMillis() / 1000.0;
        return (s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s)) + "s";
    }

    private static final class Entry {
        final Supervised unit;
        State state = State.WAITING;
        int restarts;
        int consecutiveFailures;
        Instant startedAt;
        Instant restartAt = Instant.MIN;
        Instant lastProbe;
        boolean ready;
        Instant readyAt;
        String lastExit;
        /** When it was last seen to stop (or to fail to start), until it is ready again. */
        Instant downSince;
        /** From the last stop to ready again. */
        Duration lastRestart;

        Entry(Supervised unit) {
            this.unit = unit;
        }
    }
}
