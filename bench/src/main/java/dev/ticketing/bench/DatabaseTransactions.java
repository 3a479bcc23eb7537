package dev.ticketing.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Transactions PostgreSQL has ended (committed or rolled back) in the services' databases
 * ({@link StackInfo#SERVICE_DATABASES}). Read from {@code pg_stat_database}, which each backend brings up to date
 * about once a second, so a 20 s window's count is right to within a second's worth of transactions.
 */
final class DatabaseTransactions {

    private final StackInfo stack;

    DatabaseTransactions(StackInfo stack) {
        this.stack = stack;
    }

    /** The count so far, or -1 when it cannot be read (the figure is then left out, the run goes on). */
    long count() {
        try (Connection c = stack.connectAsSuperuser("postgres");
                var rs = c.createStatement()
                        .executeQuery("select coalesce(sum(xact_commit + xact_rollback), 0) from pg_stat_database"
                                + " where datname in (" + StackInfo.SERVICE_DATABASES + ")")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }
}
