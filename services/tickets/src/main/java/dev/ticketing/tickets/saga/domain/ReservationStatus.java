package dev.ticketing.tickets.saga.domain;

/** Where one order's units stand in the tickets service (see V2__saga_steps.sql). */
public enum ReservationStatus {
    HELD,
    CONFIRMED,
    SOLD,
    RELEASED,
    REJECTED,
    REVOKED
}
