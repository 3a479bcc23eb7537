package dev.ticketing.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server holding one database per service.
 *
 * @param baseUrl a JDBC URL without database, ending in {@code /} (e.g. {@code jdbc:postgresql://host:5432/})
 */
record Database(String baseUrl, String user, String password) {

    static Database of(String baseUrl, String user, String password) {
        if (!baseUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("TICKETING_DATABASE_URL must look like jdbc:postgresql://host:5432/ but was "
                    + baseUrl);
        }
        int query = baseUrl.indexOf('?');
        String base = query < 0 ? baseUrl : baseUrl.substring(0, query);
        // a trailing database name in the base URL is dropped: each service gets its own
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        base = slash < 0 ? base + "/" : base.substring(0, slash + 1);
        return new Database(base, user, password == null ? "" : password);
    }

    static Database embedded(int port) {
        return new Database("jdbc:postgresql://127.0.0.1:" + port + "/", "postgres", "");
    }

    String url(String database) {
        return baseUrl + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    /** Creates the database unless it exists (names come from the service registry, never from users). */
    void createIfMissing(String database) throws SQLException {
        try (Connection c = connect("postgres");
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database \"" + database + "\"");
                }
            }
        }
    }
}
