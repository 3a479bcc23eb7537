package dev.ticketing.platform.idempotency;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The answers kept under Idempotency-Keys, in the service's own {@code idempotency_keys} table. Every service that
 * uses this module creates that table in its own database with its own migration, in this one shape:
 *
 * <pre>
 * create table idempotency_keys (
 *     user_id         text        not null,
 *     key             text        not null,
 *     request_hash    text        not null,
 *     response_status int         not null,
 *     response_body   text        not null,
 *     created_at      timestamptz not null,
 *     primary key (user_id, key)
 * );
 * </pre>
 *
 * A row is only ever inserted whole, in the transaction of the effect its answer reports: there is no row of a request
 * still running or of one that failed.
 */
final class StoredAnswers {

    static final String TABLE = "idempotency_keys";

    /**
     * Seed of the hash that names a key's advisory lock: the one-number form of advisory locks, whose space the
     * two-number form (orders' buyer locks) does not share, hashed with a seed of its own for any other one-number
     * lock a service may take.
     */
    private static final long LOCK_SEED = 0x1DE4_7E0L;

    record Stored(String requestHash, HttpAnswer answer) {}

    private final JdbcClient jdbc;

    StoredAnswers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits until no other transaction holds this key, holds it until the caller's transaction ends, then reads what
     * is stored under it. Two statements on purpose: under READ COMMITTED each statement reads the database as it is
     * when the statement starts, so only a read issued after the wait sees the answer that the transaction waited for
     * has just committed.
     */
    Optional<Stored> lockAndFind(String userId, String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:userId || chr(1) || :key, :seed))")
                .param("userId", userId)
                .param("key", key)
                .param("seed", LOCK_SEED)
                .query()
                .singleRow();
        return jdbc.sql("select request_hash, response_status, response_body from " + TABLE
                        + " where user_id = :userId and key = :key")
                .param("userId", userId)
                .param("key", key)
                .query((rs, row) -> new Stored(
                        rs.getString("request_hash"),
                        new HttpAnswer(rs.getInt("response_status"), rs.getString("response_body"))))
                .optional();
    }

    /**
     * The primary key is the backstop of the lock: were two transactions ever to pass it with one key (e.g. under an
     * isolation level that reads an older snapshot), the second insert fails and its effect is rolled back with it.
     */
    void insert(String userId, String key, String requestHash, HttpAnswer answer, Instant now) {
        jdbc.sql("insert into " + TABLE + " (user_id, key, request_hash, response_status, response_body, created_at)"
                        + " values (:userId, :key, :hash, :status, :body, :createdAt)")
                .param("userId", userId)
                .param("key", key)
                .param("hash", requestHash)
                .param("status", answer.status())
                .param("body", answer.body())
                .param("createdAt", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
