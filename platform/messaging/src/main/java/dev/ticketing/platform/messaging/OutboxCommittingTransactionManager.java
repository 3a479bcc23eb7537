package dev.ticketing.platform.messaging;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The services' transaction manager (docs/decisions/0081, 0082): the commit of a transaction that appended events
 * or recorded first deliveries carries their outbox and inbox rows in its own round trip
 * ({@code insert ...; insert ...; commit}, one pipelined exchange), instead of one round trip for each and another
 * for the commit. The inserts run in the transaction, so a failing row fails the commit and nothing is kept.
 */
final class OutboxCommittingTransactionManager extends JdbcTransactionManager {

    OutboxCommittingTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareForCommit(DefaultTransactionStatus status) {
        if (status.isNewTransaction()) { // not the release of a savepoint, nor a participating scope
            InboxRows.bound().ifPresent(RowsWrittenAtCommit::carriedByCommit);
            OutboxRows.bound().ifPresent(RowsWrittenAtCommit::carriedByCommit);
        }
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        List<RowsWrittenAtCommit<?>> rows = RowsWrittenAtCommit.unwrittenOfCurrentTransaction();
        if (!rows.isEmpty()) {
            try {
                RowsWrittenAtCommit.write(obtainDataSource(), rows, true);
            } catch (SQLException e) {
                throw translateException("JDBC commit with inbox and outbox rows", e);
            }
        }
        super.doCommit(status); // after our commit the connection is idle, and the driver sends nothing
    }
}
