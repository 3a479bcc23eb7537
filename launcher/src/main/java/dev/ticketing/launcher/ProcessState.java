package dev.ticketing.launcher;

import java.time.Instant;

/** One supervised process as the state file records it. */
record ProcessState(String name, int port, Long pid, String state, boolean ready, int restarts,
                    Instant startedAt, Instant readyAt, String lastExit, String marker) {
}
