package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseProvisionTest {

    private static EmbeddedPostgresServer postgres;
    private static Database admin;

    @BeforeAll
    static void startPostgres(@TempDir Path dir) {
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, false);
        admin = Database.embedded(postgres.port(), postgres.superuserPassword());
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void eachServiceOwnsItsDatabaseAndCannotEnterAnotherOne() throws SQLException {
        Database orders = admin.provision("orders", "orders-pw");
        Database tickets = admin.provision("tickets", "tickets-pw");

        try (var c = orders.connect("orders");
                var s = c.createStatement()) {
            s.execute("create table orders_table(id int)");
            s.execute("create extension if not exists pg_trgm"); // a trusted extension: the owner may
            var rs = s.executeQuery(
                    "select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user");
            rs.next();
            assertThat(rs.getBoolean(1) || rs.getBoolean(2) || rs.getBoolean(3)).isFalse();
        }
        assertThatThrownBy(() -> tickets.connect("orders").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
        assertThatThrownBy(() -> orders.as("orders", "wrong").connect("orders").close())
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aDatabaseAnEarlierVersionCreatedAsTheSuperuserPassesToTheServicesRole() throws SQLException {
        admin.createIfMissing("payments");
        try (var c = admin.connect("payments");
                var s = c.createStatement()) {
            s.execute("create table wallets(id bigserial primary key, balance numeric)");
            s.execute("create sequence loose_sequence");
        }

        Database payments = admin.provision("payments", "payments-pw");

        try (var c = payments.connect("payments");
                var s = c.createStatement()) {
            s.execute("insert into wallets(balance) values (500)");
            s.execute("alter table wallets add column currency text");
            s.execute("select nextval('loose_sequence')");
        }
        // idempotent, and a new password takes effect
        Database again = admin.provision("payments", "rotated-pw");
        try (var c = again.connect("payments")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void theSchemaIsHandedOverOnceWhichTheDatabasesCommentRemembers() throws SQLException {
        admin.provision("expiration", "expiration-pw");
        try (var c = admin.connect("postgres");
                var s = c.createStatement()) {
            var rs = s.executeQuery(
                    "select shobj_description(oid, 'pg_database') from pg_database where datname = 'expiration'");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(Database.handedOverMark("expiration"));
        }
        try (var c = admin.connect("expiration");
                var s = c.createStatement()) {
            s.execute("create table made_by_hand_later(id int)");
        }

        admin.provision("expiration", "expiration-pw");

        try (var c = admin.connect("expiration");
                var s = c.createStatement()) {
            var rs = s.executeQuery("select tableowner from pg_tables where tablename = 'made_by_hand_later'");
            rs.next();
            assertThat(rs.getString(1))
                    .as("no second session on the database, so nothing re-assigned")
                    .isEqualTo(EmbeddedPostgresServer.SUPERUSER);
        }
    }
}
