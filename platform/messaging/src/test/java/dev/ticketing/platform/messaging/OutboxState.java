package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.test.TestBroker;
import io.nats.client.Connection;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where an appended event stands, as tests look at it: its outbox row, and the stream. */
public final class OutboxState {

    private OutboxState() {}

    /** Whether the event's row is committed. */
    public static boolean stored(DataSource dataSource, UUID eventId) {
        return JdbcClient.create(dataSource)
                        .sql("select count(*) from messaging_outbox where id = :id")
                        .param("id", eventId)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    /** Whether the event's row is marked published; false when there is no such row. */
    public static boolean published(DataSource dataSource, UUID eventId) {
        return JdbcClient.create(dataSource)
                .sql("select published_at is not null from messaging_outbox where id = :id")
                .param("id", eventId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Whether the stream holds the event (its {@code Nats-Msg-Id}). */
    public static boolean inStream(Connection connection, Stream stream, UUID eventId) {
        return TestBroker.messages(connection, stream.name()).stream()
                .anyMatch(m -> eventId.toString().equals(m.header(Headers.MSG_ID)));
    }
}
