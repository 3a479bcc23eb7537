package dev.ticketing.tickets.saga;

/** Ends the process abruptly, as a crash would: no shutdown hooks, no acknowledgements, no goodbye. */
interface ProcessHalter {

    void halt(int status);
}
