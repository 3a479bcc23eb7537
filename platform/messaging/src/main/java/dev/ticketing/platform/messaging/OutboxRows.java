package dev.ticketing.platform.messaging;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox rows appended in the current transaction and not yet written (docs/decisions/0081). They go to the
 * database with the commit ({@link RowsWrittenAtCommit}); after the commit they go to the relay.
 *
 * <p>Forgets the rows of a savepoint that was rolled back to, as the database forgets an insert.
 */
final class OutboxRows extends RowsWrittenAtCommit<OutboxRows.Row> {

    private static final Object KEY = OutboxRows.class;

    private static final String INSERT = """
            insert into messaging_outbox
                (id, subject, aggregate_id, aggregate_version, payload, headers, claimed_until)
            values\s""";

    private static final String VALUES =
            "(?, ?, ?, ?, ?, cast(? as jsonb), case when ? then clock_timestamp() + make_interval(secs => ?) end)";

    /** One appended event; {@code handOver}: inserted leased, for the relay to publish from memory. */
    record Row(
            UUID id,
            String subject,
            String aggregateId,
            long aggregateVersion,
            String payload,
            Map<String, String> headers,
            String headersJson,
            boolean handOver,
            boolean awaited) {}

    private final OutboxRelay relay;
    private final PublishBeforeResponse publishBeforeResponse;
    private final List<Row> forgotten = new ArrayList<>();
    private final Map<Object, Integer> savepoints = new IdentityHashMap<>();

    private OutboxRows(DataSource dataSource, OutboxRelay relay, PublishBeforeResponse publishBeforeResponse) {
        super(dataSource, KEY);
        this.relay = relay;
        this.publishBeforeResponse = publishBeforeResponse;
    }

    /** The rows of the current transaction, bound to it on first use; the caller has checked there is one. */
    static OutboxRows ofCurrentTransaction(
            DataSource dataSource, OutboxRelay relay, PublishBeforeResponse publishBeforeResponse) {
        return ofCurrentTransaction(KEY, () -> new OutboxRows(dataSource, relay, publishBeforeResponse));
    }

    /** The rows bound to the current transaction, if it appended any. */
    static Optional<OutboxRows> bound() {
        return bound(KEY, OutboxRows.class);
    }

    @Override
    String describe(Row row) {
        return "Outbox.append (" + row.subject() + ")";
    }

    @Override
    String insert() {
        return INSERT + String.join(", ", Collections.nCopies(rows.size(), VALUES));
    }

    @Override
    int bind(PreparedStatement statement, int index) throws SQLException {
        for (Row row : rows) {
            statement.setObject(index++, row.id());
            statement.setString(index++, row.subject());
            statement.setString(index++, row.aggregateId());
            statement.setLong(index++, row.aggregateVersion());
            statement.setString(index++, row.payload());
            statement.setString(index++, row.headersJson());
            statement.setBoolean(index++, row.handOver());
            statement.setLong(index++, OutboxRelay.HANDED_OVER_LEASE.toSeconds());
        }
        return index;
    }

    @Override
    public void savepoint(Object savepoint) {
        savepoints.put(savepoint, rows.size());
    }

    @Override
    public void savepointRollback(Object savepoint) {
        // a savepoint not heard of was set before the first append: every row came after it
        int mark = savepoints.getOrDefault(savepoint, 0);
        if (mark < rows.size()) {
            List<Row> undone = rows.subList(mark, rows.size());
            forgotten.addAll(undone);
            undone.clear();
        }
    }

    @Override
    public void afterCommit() {
        Instant now = Instant.now();
        boolean wake = false;
        for (Row row : rows) {
            // a row not handed over (or refused by a relay that stopped) is claimed by the relay
            wake |= !row.handOver()
                    || !relay.handOver(row.id(), row.subject(), row.payload(), row.headers(), now, row.awaited());
        }
        if (wake) {
            relay.wake();
        }
    }

    @Override
    public void afterCompletion(int status) {
        super.afterCompletion(status);
        // requests waiting for their events before answering (outside the transaction) learn how it ended
        rows.stream()
                .filter(Row::awaited)
                .forEach(row -> publishBeforeResponse.completed(row.id(), status == STATUS_COMMITTED));
        forgotten.stream().filter(Row::awaited).forEach(row -> publishBeforeResponse.completed(row.id(), false));
    }
}
