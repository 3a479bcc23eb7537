package dev.ticketing.web.ui.etickets;

import java.time.Instant;

/** An e-ticket as its buyer gets it from the tickets API; its JSON field {@code ticketId} is the listing's id. */
record ETicket(String code, String ticketId, String title, String orderId, Instant issuedAt) {}
