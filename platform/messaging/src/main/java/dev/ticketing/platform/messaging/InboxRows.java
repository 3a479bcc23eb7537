package dev.ticketing.platform.messaging;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The inbox rows of first deliveries handled in the current transaction, written with its commit
 * (docs/decisions/0082). A plain insert, not {@code on conflict do nothing}: an event the consumer had already
 * recorded fails the commit, and {@link Inbox#handleFirstDelivery} then handles it the careful way. With
 * {@code notify}, each row also tells the other instances ({@link AppliedNotification}), which PostgreSQL delivers
 * at the commit.
 */
final class InboxRows extends RowsWrittenAtCommit<InboxRows.Row> {

    private static final Object KEY = InboxRows.class;

    record Row(String consumer, UUID eventId, String notification) {}

    private final boolean notify;

    private InboxRows(DataSource dataSource, boolean notify) {
        super(dataSource, KEY);
        this.notify = notify;
    }

    /** The rows of the current transaction, bound to it on first use; the caller has checked there is one. */
    static InboxRows ofCurrentTransaction(DataSource dataSource, boolean notify) {
        return ofCurrentTransaction(KEY, () -> new InboxRows(dataSource, notify));
    }

    static Optional<InboxRows> bound() {
        return bound(KEY, InboxRows.class);
    }

    void add(String consumer, InboundEvent<?> event) {
        UUID eventId = event.envelope().eventId();
        String notification = notify
                ? new AppliedNotification(consumer, eventId, event.envelope().aggregateId()).payload()
                : null;
        add(new Row(consumer, eventId, notification));
    }

    @Override
    String describe(Row row) {
        return "an inbox row of " + row.consumer();
    }

    @Override
    String insert() {
        String insert = "insert into messaging_inbox (consumer, event_id) values "
                + String.join(", ", Collections.nCopies(rows.size(), "(?, ?)"));
        if (!notify) {
            return insert;
        }
        return insert + "; select pg_notify(?, payload) from (values "
                + String.join(", ", Collections.nCopies(rows.size(), "(?)")) + ") as batch (payload)";
    }

    @Override
    int bind(PreparedStatement statement, int index) throws SQLException {
        for (Row row : rows) {
            statement.setString(index++, row.consumer());
            statement.setObject(index++, row.eventId());
        }
        if (notify) {
            statement.setString(index++, AppliedNotification.CHANNEL);
            for (Row row : rows) {
                statement.setString(index++, row.notification());
            }
        }
        return index;
    }
}
