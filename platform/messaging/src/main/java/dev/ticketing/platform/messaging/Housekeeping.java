package dev.ticketing.platform.messaging;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps the outbox and the inbox small: deletes old rows in bounded chunks, so no statement runs long. */
final class Housekeeping {

    private static final int CHUNK = 5000;

    private final JdbcClient jdbc;
    private final MessagingProperties properties;

    Housekeeping(JdbcClient jdbc, MessagingProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    void run() {
        deleteInChunks("""
                delete from messaging_outbox where id in (
                  select id from messaging_outbox
                  where published_at is not null and created_at < now() - make_interval(secs => :seconds)
                  limit :chunk)
                """, properties.outboxRetention().toSeconds());
        deleteInChunks("""
                delete from messaging_inbox where (consumer, event_id) in (
                  select consumer, event_id from messaging_inbox
                  where processed_at < now() - make_interval(secs => :seconds)
                  limit :chunk)
                """, properties.inboxRetention().toSeconds());
    }

    private void deleteInChunks(String sql, long retentionSeconds) {
        int deleted;
        do {
            deleted = jdbc.sql(sql)
                    .param("seconds", (double) retentionSeconds)
                    .param("chunk", CHUNK)
                    .update();
        } while (deleted == CHUNK);
    }
}
