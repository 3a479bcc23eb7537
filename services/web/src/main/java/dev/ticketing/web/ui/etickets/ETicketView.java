package dev.ticketing.web.ui.etickets;

import java.time.Instant;

/** An e-ticket as pages show it: its code as text and as a QR image ({@code data:} URI). */
public record ETicketView(String code, String title, String listingId, String orderId, Instant issuedAt, String qr) {

    static ETicketView of(ETicket eTicket) {
        return new ETicketView(
                eTicket.code(),
                eTicket.title(),
                eTicket.ticketId(),
                eTicket.orderId(),
                eTicket.issuedAt(),
                QrCodes.dataUri(eTicket.code()));
    }
}
