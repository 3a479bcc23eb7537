package dev.ticketing.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Something the supervisor keeps running: a service JVM, nats-server or PostgreSQL. */
interface Supervised {

    String name();

    /** The port it serves, for status output. */
    int port();

    /** Shutdown order: higher layers stop first (services, then NATS, then PostgreSQL). */
    int layer();

    /** Starts it (again after it died); returns once it is launched (infrastructure: once it accepts connections). */
    void start() throws Exception;

    boolean isAlive();

    OptionalLong pid();

    /** How it ended, e.g. {@code exited with 137}; only meaningful once it is no longer alive. */
    String exitDescription();

    /**
     * When it was seen to end, if it knows that sooner than the supervisor's next round (a child process is told
     * by the operating system); the start of a restart's duration.
     */
    default Optional<Instant> exitedAt() {
        return Optional.empty();
    }

    /** Whether it is ready to serve (a service's readiness probe answers 200). */
    boolean isReady();

    /** Stops it gracefully, forcibly after {@code grace}, and waits for it. */
    void stop(Duration grace);

    /** A string its command line contains, to recognise it as ours after a launcher crash. */
    String commandMarker();
}
