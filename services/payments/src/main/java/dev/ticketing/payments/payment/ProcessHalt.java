package dev.ticketing.payments.payment;

/** Ends the process abruptly, for the injected {@code payment=crash} fault (a bean, so tests can observe it). */
interface ProcessHalt {

    void halt();
}
