package dev.ticketing.tickets.saga;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Issuing and revoking e-tickets, the buyer's proof of purchase. */
@Repository
class ETickets {

    private static final int CODE_BYTES = 16; // 128 bits: unguessable

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ETickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues {@code quantity} codes for the order; each is unique (a colliding code is drawn again). */
    List<String> issue(UUID listingId, UUID orderId, String buyerId, int quantity, Instant now) {
        var codes = new ArrayList<String>(quantity);
        while (codes.size() < quantity) {
            String code = newCode();
            int inserted = jdbc.sql("""
                            insert into e_tickets (code, listing_id, order_id, buyer_id, issued_at)
                            values (:code, :listingId, :orderId, :buyerId, :now)
                            on conflict (code) do nothing
                            """)
                    .param("code", code)
                    .param("listingId", listingId)
                    .param("orderId", orderId)
                    .param("buyerId", buyerId)
                    .param("now", now.atOffset(ZoneOffset.UTC))
                    .update();
            if (inserted == 1) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** Revokes the order's valid e-tickets; returns how many. */
    int revoke(UUID orderId, Instant now) {
        return jdbc.sql("update e_tickets set revoked_at = :now where order_id = :orderId and revoked_at is null")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("orderId", orderId)
                .update();
    }

    String newCode() {
        byte[] bytes = new byte[CODE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
