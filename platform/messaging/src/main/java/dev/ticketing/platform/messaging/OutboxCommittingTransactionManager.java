package dev.ticketing.platform.messaging;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The services' transaction manager (docs/decisions/0081): the commit of a transaction that appended events
 * carries their outbox rows in its own round trip ({@code insert ...; commit}, one pipelined exchange), instead of
 * one round trip for the rows and another for the commit. The insert runs in the transaction, so a failing row
 * fails the commit and nothing is kept.
 */
final class OutboxCommittingTransactionManager extends JdbcTransactionManager {

    OutboxCommittingTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareForCommit(DefaultTransactionStatus status) {
        if (status.isNewTransaction()) { // not the release of a savepoint, nor a participating scope
            OutboxRows.bound().ifPresent(OutboxRows::carriedByCommit);
        }
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        Optional<OutboxRows> rows = OutboxRows.bound().filter(OutboxRows::unwritten);
        if (rows.isPresent()) {
            try {
                rows.get().write(true);
            } catch (SQLException e) {
                throw translateException("JDBC commit with outbox rows", e);
            }
        }
        super.doCommit(status); // after our commit the connection is idle, and the driver sends nothing
    }
}
