package dev.ticketing.launcher;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server holding one database per service, and the credentials of one of its roles.
 *
 * @param baseUrl a JDBC URL without database, ending in {@code /} (e.g. {@code jdbc:postgresql://host:5432/})
 */
record Database(String baseUrl, String user, String password) {

    static Database of(String baseUrl, String user, String password) {
        if (!baseUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "TICKETING_DATABASE_URL must look like jdbc:postgresql://host:5432/ but was " + baseUrl);
        }
        int query = baseUrl.indexOf('?');
        String base = query < 0 ? baseUrl : baseUrl.substring(0, query);
        // a trailing database name in the base URL is dropped: each service gets its own
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        base = slash < 0 ? base + "/" : base.substring(0, slash + 1);
        return new Database(base, user, password == null ? "" : password);
    }

    /** The embedded server, as its superuser. */
    static Database embedded(int port, String superuserPassword) {
        return new Database(
                "jdbc:postgresql://127.0.0.1:" + port + "/", EmbeddedPostgresServer.SUPERUSER, superuserPassword);
    }

    /** The same server as another role. */
    Database as(String role, String rolePassword) {
        return new Database(baseUrl, role, rolePassword);
    }

    String url(String database) {
        return baseUrl + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    /** Creates the database unless it exists (names come from the service registry, never from users). */
    void createIfMissing(String database) throws SQLException {
        EmbeddedPostgresServer.requireIdentifier(database);
        try (Connection c = connect("postgres");
                var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        }
    }

    /**
     * Least privilege for one service (we are an administrator of the server): a login role named after the
     * service with this password, owning the service's database (and, in a database made by an earlier version,
     * its tables), which no other role may connect to. Idempotent; the password is set again on every start.
     *
     * @return the service's own credentials
     */
    Database provision(String service, String servicePassword) throws SQLException {
        EmbeddedPostgresServer.requireIdentifier(service);
        String literal = "'" + servicePassword.replace("'", "''") + "'";
        boolean schemaHandedOver;
        try (Connection c = connect("postgres");
                var sql = c.createStatement()) {
            var role = c.prepareStatement("select 1 from pg_roles where rolname = ?");
            role.setString(1, service);
            boolean roleExists = role.executeQuery().next();
            sql.execute((roleExists ? "alter role " : "create role ") + service + " login password " + literal);
            var owner = c.prepareStatement("select pg_get_userbyid(datdba), shobj_description(oid, 'pg_database')"
                    + " from pg_database where datname = ?");
            owner.setString(1, service);
            var rs = owner.executeQuery();
            if (!rs.next()) {
                sql.execute("create database " + service + " owner " + service);
                schemaHandedOver = false;
            } else {
                if (!service.equals(rs.getString(1))) {
                    sql.execute("alter database " + service + " owner to " + service);
                }
                schemaHandedOver = handedOverMark(service).equals(rs.getString(2));
            }
            sql.execute("revoke all on database " + service + " from public");
        }
        if (!schemaHandedOver) {
            handOverSchema(service);
        }
        return as(service, servicePassword);
    }

    /**
     * The public schema and whatever an earlier version created in it as the superuser pass to the service's role,
     * in a session on the service's database. Done once: the database's comment (readable from any database)
     * remembers it, so later starts spare a session per service, which with SCRAM authentication was a good part
     * of the launcher's CPU while everything starts. Anything created later is created by the role itself.
     */
    private void handOverSchema(String service) throws SQLException {
        try (Connection c = connect(service);
                var sql = c.createStatement()) {
            sql.execute("alter schema public owner to " + service);
            sql.execute(REASSIGN_PUBLIC_OBJECTS.replace(":role", service));
            try {
                sql.execute("comment on database " + service + " is '" + handedOverMark(service) + "'");
            } catch (SQLException e) {
                // an external server's administrator may not comment on a database it no longer owns: then the
                // hand-over runs again on the next start, which is harmless
            }
        }
    }

    static String handedOverMark(String service) {
        return "ticketing: public schema owned by " + service;
    }

    /** Tables and sequences an earlier version created as the superuser pass to the service's role. */
    private static final String REASSIGN_PUBLIC_OBJECTS = """
            do $$
            declare r record;
            begin
              for r in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'f')
                         and c.relowner <> ':role'::regrole loop
                execute format('alter table %s owner to %I', r.name, ':role');
              end loop;
              for r in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = 'public' and c.relkind = 'S' and c.relowner <> ':role'::regrole loop
                execute format('alter sequence %s owner to %I', r.name, ':role');
              end loop;
            end $$""";
}
