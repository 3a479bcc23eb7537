package dev.ticketing.web.ui.etickets;

import java.time.Instant;

/** An e-ticket as pages show it: its code as text and as a QR image ({@code data:} URI). */
public record ETicketView(String code, String title, String ticketId, String orderId, Instant issuedAt, String qr) {

    static ETicketView of(ETicket ticket) {
        return new ETicketView(ticket.code(), ticket.title(), ticket.ticketId(), ticket.orderId(), ticket.issuedAt(),
                QrCodes.dataUri(ticket.code()));
    }
}
