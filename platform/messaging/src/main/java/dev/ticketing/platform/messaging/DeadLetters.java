package dev.ticketing.platform.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dead letters of this service: parked by the consumers, listed and replayed by operators (the
 * {@code ./ticketing dlq} commands work on the same table).
 */
public final class DeadLetters {

    private static final String COLUMNS = """
            id, consumer, subject, event_id, payload, headers::text as headers, error, deliveries, parked_at,
            replay_requested_at, replayed_at""";

    private final JdbcClient jdbc;
    private final EnvelopeCodec codec;
    private final Runnable wakeReplayer;

    DeadLetters(JdbcClient jdbc, EnvelopeCodec codec, Runnable wakeReplayer) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.wakeReplayer = wakeReplayer;
    }

    /** Every dead letter, most recently parked first. */
    public List<DeadLetter> list() {
        return jdbc.sql("select " + COLUMNS + " from messaging_dead_letter order by parked_at desc, id")
                .query(DeadLetters::map)
                .list();
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from messaging_dead_letter where id = :id")
                .param("id", id)
                .query(DeadLetters::map)
                .optional();
    }

    /**
     * Asks for the dead letter to be handled again through the consumer's normal inbox path.
     *
     * @return false if there is no such dead letter or it was already replayed
     */
    public boolean requestReplay(UUID id) {
        int updated = jdbc.sql("""
                        update messaging_dead_letter set replay_requested_at = clock_timestamp()
                        where id = :id and replayed_at is null
                        """).param("id", id).update();
        if (updated > 0) {
            wakeReplayer.run();
        }
        return updated > 0;
    }

    /** Parks a message, in a transaction of its own; a message parked twice keeps its first row. */
    void park(
            String consumer,
            String subject,
            UUID eventId,
            String payload,
            Map<String, String> headers,
            String error,
            long deliveries) {
        jdbc.sql("""
                        insert into messaging_dead_letter
                          (id, consumer, subject, event_id, payload, headers, error, deliveries, parked_at)
                        values (:id, :consumer, :subject, :eventId, :payload, cast(:headers as jsonb), :error,
                                :deliveries, clock_timestamp())
                        on conflict (consumer, event_id) do nothing
                        """)
                .param("id", UUID.randomUUID())
                .param("consumer", consumer)
                .param("subject", subject)
                .param("eventId", eventId)
                .param("payload", payload)
                .param("headers", codec.writeHeaders(headers))
                .param("error", error)
                .param("deliveries", (int) Math.min(deliveries, Integer.MAX_VALUE))
                .update();
    }

    private static DeadLetter map(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(
                rs.getObject("id", UUID.class),
                rs.getString("consumer"),
                rs.getString("subject"),
                rs.getObject("event_id", UUID.class),
                rs.getString("payload"),
                rs.getString("headers"),
                rs.getString("error"),
                rs.getInt("deliveries"),
                instant(rs.getTimestamp("parked_at")),
                instant(rs.getTimestamp("replay_requested_at")),
                instant(rs.getTimestamp("replayed_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
