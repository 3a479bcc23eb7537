package dev.ticketing.launcher;

import java.time.Duration;
import java.time.Instant;

/**
 * One supervised process as the state file records it.
 *
 * @param lastRestart how long its last restart took, from the moment it stopped (or failed to start) to ready
 *                    again; null until it restarted
 */
record ProcessState(
        String name,
        int port,
        Long pid,
        String state,
        boolean ready,
        int restarts,
        Instant startedAt,
        Instant readyAt,
        String lastExit,
        String marker,
        Duration lastRestart) {}
