package dev.ticketing.payments.payment;

import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The idempotency_keys table. A key is claimed by inserting its row in the payment's own transaction: a
 * concurrent request with the same key blocks on that insert until the first one commits (then it replays the
 * stored answer) or rolls back (then it proceeds itself). Rows are only ever committed with their answer.
 */
@Repository
class IdempotencyKeys {

    sealed interface Claim {
        record Claimed() implements Claim {
        }

        record Replay(HttpAnswer answer) implements Claim {
        }

        record Mismatch() implements Claim {
        }
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Claim claim(String userId, String key, String requestHash, Instant now) {
        int inserted = jdbc.sql("""
                        insert into idempotency_keys (user_id, key, request_hash, created_at)
                        values (:user, :key, :hash, :now) on conflict (user_id, key) do nothing""")
                .param("user", userId).param("key", key).param("hash", requestHash)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        if (inserted == 1) {
            return new Claim.Claimed();
        }
        return jdbc.sql("""
                        select request_hash, response_status, response_body from idempotency_keys
                        where user_id = :user and key = :key""")
                .param("user", userId).param("key", key)
                .query((rs, n) -> rs.getString("request_hash").equals(requestHash)
                        ? (Claim) new Claim.Replay(new HttpAnswer(rs.getInt("response_status"), rs.getString("response_body")))
                        : new Claim.Mismatch())
                .single();
    }

    void complete(String userId, String key, HttpAnswer answer) {
        jdbc.sql("""
                        update idempotency_keys set response_status = :status, response_body = :body
                        where user_id = :user and key = :key""")
                .param("status", answer.status()).param("body", answer.body())
                .param("user", userId).param("key", key)
                .update();
    }
}
