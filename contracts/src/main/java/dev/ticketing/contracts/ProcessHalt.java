package dev.ticketing.contracts;

import java.lang.System.Logger.Level;

/**
 * How a service dies for an injected {@code crash} fault (see {@link FaultPlan}): abruptly, as a {@code kill -9}
 * would, with no shutdown hooks, no response and no acknowledgement, so that the launcher restarts it and the
 * saga must recover. The fault-injection seam of platform-messaging halts through a bean of this type, which a
 * test replaces to observe a crash without losing its JVM.
 */
@FunctionalInterface
public interface ProcessHalt {

    /** 128 + SIGKILL: what the launcher sees after a {@code kill -9}. */
    int CRASH_STATUS = 137;

    void halt(int status);

    /** The real thing: {@link Runtime#halt}, after one log line saying why. */
    static ProcessHalt runtime() {
        return status -> {
            System.getLogger(ProcessHalt.class.getName())
                    .log(Level.ERROR, "Fault injection: halting the process with status {0}", status);
            Runtime.getRuntime().halt(status);
        };
    }
}
