package dev.ticketing.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a transaction inserts when it commits rather than when it learns of them (docs/decisions/0081, 0082): the
 * events it appended to the outbox ({@link OutboxRows}) and the deliveries it recorded in the inbox
 * ({@link InboxRows}). Nobody reads them before the commit, so {@link OutboxCommittingTransactionManager} sends them
 * with the commit, in its round trip ({@code insert ...; insert ...; commit}); under any other transaction manager
 * each kind is written in {@link #beforeCommit}, in one statement. A row that cannot be written fails the commit.
 *
 * <p>Bound to the transaction by its first row, as a resource and as a synchronization, so that it follows the
 * transaction through suspension.
 */
abstract class RowsWrittenAtCommit<R> implements TransactionSynchronization {

    private static final SQLExceptionTranslator TRANSLATOR = new SQLStateSQLExceptionTranslator();

    /** In the order they were added; a subclass may forget some before the commit. */
    final List<R> rows = new ArrayList<>();

    private final DataSource dataSource;
    private final Object key;
    private boolean carriedByCommit;
    private boolean written;

    /** {@code key}: the key of the transaction's resource, one per kind of rows. */
    RowsWrittenAtCommit(DataSource dataSource, Object key) {
        this.dataSource = dataSource;
        this.key = key;
    }

    /** The rows of the kind {@code key} bound to the current transaction; the caller has checked there is one. */
    static <T extends RowsWrittenAtCommit<?>> T ofCurrentTransaction(Object key, Supplier<T> create) {
        @SuppressWarnings("unchecked") // bound only here, under the key of its kind
        T rows = (T) TransactionSynchronizationManager.getResource(key);
        if (rows == null) {
            rows = create.get();
            TransactionSynchronizationManager.bindResource(key, rows);
            TransactionSynchronizationManager.registerSynchronization(rows);
        }
        return rows;
    }

    /** The rows of the kind {@code key} bound to the current transaction, if it has any. */
    static <T extends RowsWrittenAtCommit<?>> Optional<T> bound(Object key, Class<T> type) {
        return Optional.ofNullable(type.cast(TransactionSynchronizationManager.getResource(key)));
    }

    /** The rows of the current transaction that are still to be written: the inbox's first, then the outbox's. */
    static List<RowsWrittenAtCommit<?>> unwrittenOfCurrentTransaction() {
        return Stream.<RowsWrittenAtCommit<?>>concat(InboxRows.bound().stream(), OutboxRows.bound().stream())
                .filter(RowsWrittenAtCommit::unwritten)
                .toList();
    }

    /**
     * Writes the rows on the transaction's connection in one round trip, followed by {@code commit} when
     * {@code andCommit}: the connection is then idle, and the driver's own commit sends nothing.
     */
    static void write(DataSource dataSource, List<RowsWrittenAtCommit<?>> all, boolean andCommit) throws SQLException {
        String sql = all.stream().map(RowsWrittenAtCommit::insert).collect(Collectors.joining("; "))
                + (andCommit ? "; commit" : "");
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (RowsWrittenAtCommit<?> each : all) {
                index = each.bind(statement, index);
            }
            statement.execute();
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        all.forEach(each -> each.written = true);
    }

    /** The statement that inserts the rows, with {@code ?} parameters and no terminating semicolon. */
    abstract String insert();

    /** Sets the statement's parameters from {@code index} on; returns the index after the last one set. */
    abstract int bind(PreparedStatement statement, int index) throws SQLException;

    /** Adds a row, to be written with the others at the commit. */
    final void add(R row) {
        if (written) {
            throw new IllegalStateException(
                    describe(row) + " after the transaction's rows were written: append before the commit begins");
        }
        rows.add(row);
    }

    /** Names a row in the error of one added too late; built only then, not on every add. */
    abstract String describe(R row);

    final boolean unwritten() {
        return !written && !rows.isEmpty();
    }

    /** Called by a transaction manager that writes the rows itself, with its commit. */
    final void carriedByCommit() {
        carriedByCommit = true;
    }

    @Override
    public final void beforeCommit(boolean readOnly) {
        if (carriedByCommit || !unwritten()) {
            return;
        }
        try {
            write(dataSource, List.<RowsWrittenAtCommit<?>>of(this), false);
        } catch (SQLException e) {
            throw TRANSLATOR.translate(getClass().getSimpleName() + " insert", null, e);
        }
    }

    @Override
    public void suspend() {
        TransactionSynchronizationManager.unbindResource(key);
    }

    @Override
    public void resume() {
        TransactionSynchronizationManager.bindResource(key, this);
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }
}
