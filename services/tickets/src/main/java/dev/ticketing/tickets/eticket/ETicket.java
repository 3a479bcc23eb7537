package dev.ticketing.tickets.eticket;

import java.time.Instant;

/** An e-ticket as its buyer sees it (docs/api.md: {@code {code, ticketId, title, orderId, issuedAt}}). */
record ETicket(String code, String ticketId, String title, String orderId, Instant issuedAt) {
}
