package dev.ticketing.orders.order;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** First responses of {@code POST /api/orders} by (buyer, Idempotency-Key). */
@Repository
class IdempotencyKeys {

    /** A stored response and the hash of the request that produced it. */
    record Stored(String requestHash, int status, String body) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(String userId, String key) {
        return jdbc.sql("select request_hash, status, body from idempotency_keys where user_id = :userId and key = :key")
                .param("userId", userId).param("key", key)
                .query((rs, row) -> new Stored(rs.getString("request_hash"), rs.getInt("status"), rs.getString("body")))
                .optional();
    }

    void save(String userId, String key, Stored response, Instant now) {
        jdbc.sql("""
                        insert into idempotency_keys (user_id, key, request_hash, status, body, created_at)
                        values (:userId, :key, :hash, :status, :body, :createdAt)
                        """)
                .param("userId", userId).param("key", key).param("hash", response.requestHash())
                .param("status", response.status()).param("body", response.body())
                .param("createdAt", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
