package dev.ticketing.tickets.eticket;

import java.time.Instant;

/**
 * An e-ticket as its buyer sees it (docs/api.md: {@code {code, ticketId, title, orderId, issuedAt}}). The components
 * are the JSON fields: {@code ticketId} is the id of the listing it was bought from, under the wire's name.
 */
record ETicket(String code, String ticketId, String title, String orderId, Instant issuedAt) {}
