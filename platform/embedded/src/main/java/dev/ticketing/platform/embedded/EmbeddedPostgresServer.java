package dev.ticketing.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 18 started from Maven artifacts (zonky), with one database per service.
 *
 * <p>zonky turns durability off by default ({@code -F}, {@code synchronous_commit=off}); a durable server
 * turns both back on, because the launcher's data must survive a crash. Tests may run without durability.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Path dataDir;
    private final boolean durable;
    private int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, int port, boolean durable) {
        this.dataDir = dataDir;
        this.port = port;
        this.durable = durable;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}, keeping existing data.
     *
     * @param port    the port, or 0 for a free one (kept across restarts)
     * @param durable fsync and synchronous_commit on
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) {
        var server = new EmbeddedPostgresServer(dataDir, port, durable);
        server.launch();
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A JDBC URL for a database of this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database unless it exists. Names are restricted to lower-case identifiers. */
    public void createDatabaseIfMissing(String database) {
        requireValidName(database);
        try (Connection c = connect("postgres");
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                c.createStatement().execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    /** Drops the database, ending its open sessions first. */
    public void dropDatabase(String database) {
        requireValidName(database);
        try (Connection c = connect("postgres")) {
            c.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + database, e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    /** Stops the server (fast shutdown) and starts it again on the same port and data. */
    public void restart() {
        stop();
        launch();
    }

    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // callers own the lifecycle: the launcher stops services before PostgreSQL, tests use their own hook
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200");
            if (port != 0) {
                builder.setPort(port);
            }
            if (durable) {
                // later -c options override zonky's -F and its synchronous_commit=off
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            postgres = builder.start();
            port = postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** A setting as the running server reports it ({@code SHOW name}). */
    public String show(String setting) {
        requireValidName(setting);
        try (Connection c = connect("postgres"); var rs = c.createStatement().executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireValidName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case identifier: " + name);
        }
    }
}
