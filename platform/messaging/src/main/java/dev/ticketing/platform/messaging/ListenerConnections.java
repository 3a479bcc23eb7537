package dev.ticketing.platform.messaging;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Connections of the {@link OtherInstancesListener}'s own, to the database the service's pool connects to, as the
 * same user. A {@code LISTEN} holds its connection for as long as it listens: taken from the pool, that connection
 * would be missing from it for good, and the pool's eviction and validation would fight the listener for it.
 */
final class ListenerConnections {

    /** How the listener shows in {@code pg_stat_activity} (an operator or a test can tell it apart). */
    static final String APPLICATION_NAME = "ticketing-applied-listener";

    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;

    ListenerConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Fails at once when the DataSource does not tell where to connect (a misconfiguration, not an outage). */
    void requireSettings() {
        try {
            pool();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the DataSource's settings", e);
        }
    }

    /** A new connection, not pooled; the caller closes it. */
    Connection open() throws SQLException {
        HikariDataSource pool = pool();
        var properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            PGProperty.USER.set(properties, pool.getUsername());
        }
        if (pool.getPassword() != null) {
            PGProperty.PASSWORD.set(properties, pool.getPassword());
        }
        PGProperty.APPLICATION_NAME.set(properties, APPLICATION_NAME);
        PGProperty.CONNECT_TIMEOUT.set(properties, CONNECT_TIMEOUT_SECONDS);
        // the idle check finds a dead peer within a minute; keep-alive spares the server a half-open session
        PGProperty.TCP_KEEP_ALIVE.set(properties, true);
        Connection connection = new Driver().connect(pool.getJdbcUrl(), properties);
        if (connection == null) {
            throw new IllegalStateException(
                    "ticketing.messaging.signal-other-instances needs a PostgreSQL database, not " + pool.getJdbcUrl());
        }
        return connection;
    }

    /** The settings are the pool's (Spring Boot's default, and the only one the services use). */
    private HikariDataSource pool() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            return requireUrl(hikari);
        }
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            return requireUrl(dataSource.unwrap(HikariDataSource.class));
        }
        throw new IllegalStateException("ticketing.messaging.signal-other-instances needs a Hikari DataSource to take"
                + " the database's address from, not a " + dataSource.getClass().getName());
    }

    private static HikariDataSource requireUrl(HikariDataSource pool) {
        if (pool.getJdbcUrl() == null) {
            throw new IllegalStateException(
                    "ticketing.messaging.signal-other-instances needs the DataSource's JDBC URL (spring.datasource.url)");
        }
        return pool;
    }
}
