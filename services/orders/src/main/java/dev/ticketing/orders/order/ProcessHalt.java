package dev.ticketing.orders.order;

/**
 * Ends the process abruptly, as a crash would: no shutdown hooks, no response. The one seam through which tests
 * observe an injected {@code create=crash} without losing their JVM.
 */
@FunctionalInterface
public interface ProcessHalt {

    int CRASH_STATUS = 137;

    void halt(int status);
}
