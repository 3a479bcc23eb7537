package dev.ticketing.platform.messaging;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The inbox rows of first deliveries handled in the current transaction, written with its commit
 * (docs/decisions/0082). A plain insert, not {@code on conflict do nothing}: an event the consumer had already
 * recorded fails the commit, and {@link Inbox#handleFirstDelivery} then handles it the careful way. With
 * {@code notify}, each row also tells the other instances ({@link AppliedNotification}), which PostgreSQL delivers
 * at the commit.
 */
final class InboxRows extends RowsWrittenAtCommit {

    private static final Object KEY = InboxRows.class;

    private record Row(String consumer, UUID eventId, String notification) {}

    private final List<Row> rows = new ArrayList<>();
    private final boolean notify;

    private InboxRows(DataSource dataSource, boolean notify) {
        super(dataSource);
        this.notify = notify;
    }

    /** The rows of the current transaction, bound to it on first use; the caller has checked there is one. */
    static InboxRows ofCurrentTransaction(DataSource dataSource, boolean notify) {
        return bound().orElseGet(() -> {
            var rows = new InboxRows(dataSource, notify);
            TransactionSynchronizationManager.bindResource(KEY, rows);
            TransactionSynchronizationManager.registerSynchronization(rows);
            return rows;
        });
    }

    static Optional<InboxRows> bound() {
        return Optional.ofNullable((InboxRows) TransactionSynchronizationManager.getResource(KEY));
    }

    void add(String consumer, InboundEvent<?> event) {
        if (written()) {
            throw new IllegalStateException("an inbox row after the transaction's rows were written");
        }
        UUID eventId = event.envelope().eventId();
        String notification = notify
                ? new AppliedNotification(consumer, eventId, event.envelope().aggregateId()).payload()
                : null;
        rows.add(new Row(consumer, eventId, notification));
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

    @Override
    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    Object key() {
        return KEY;
    }
}
