package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.embedded.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DlqTest {

    private static final List<String> SERVICES = List.of("tickets", "orders", "payments");
    private static EmbeddedPostgresServer postgres;
    private static Database database;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Dlq dlq = new Dlq(database, SERVICES, new PrintStream(bytes, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void startPostgres(@TempDir Path dir) {
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0, false);
        database = Database.embedded(postgres.port(), postgres.superuserPassword());
        // payments has not run yet: no database at all
        for (String service : List.of("tickets", "orders")) {
            postgres.createDatabaseIfMissing(service);
        }
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void freshTables() throws SQLException {
        for (String service : List.of("tickets", "orders")) {
            try (var c = database.connect(service);
                    var s = c.createStatement()) {
                s.execute("drop table if exists messaging_dead_letter");
                s.execute("""
                        create table messaging_dead_letter(
                          id uuid primary key, consumer text not null, subject text not null, event_id uuid not null,
                          payload text not null, headers jsonb not null, error text not null, deliveries int not null,
                          parked_at timestamptz not null, replay_requested_at timestamptz, replayed_at timestamptz)""");
            }
        }
    }

    @Test
    void listsParkedMessagesOfEveryService() throws SQLException {
        UUID ticketsId =
                park("tickets", "tickets-ORDER_created", "ORDER.created", "IllegalStateException: boom\n\tat x.y");
        UUID ordersId = park("orders", "orders-PAYMENT_created", "PAYMENT.created", "no such order");

        assertThat(dlq.run(List.of("list"))).isZero();

        String out = output();
        assertThat(out).contains("ID", "SERVICE", "CONSUMER", "SUBJECT", "DELIVERIES", "PARKED AT", "ERROR");
        assertThat(out.lines()
                        .filter(l -> l.startsWith(ticketsId.toString()))
                        .findFirst()
                        .orElseThrow())
                .contains(
                        "tickets",
                        "tickets-ORDER_created",
                        "ORDER.created",
                        " 5 ",
                        "parked",
                        "IllegalStateException: boom")
                .doesNotContain("at x.y");
        assertThat(out).contains(ordersId.toString());
    }

    @Test
    void saysSoWhenNothingIsParked() throws SQLException {
        assertThat(dlq.run(List.of("list"))).isZero();

        assertThat(output()).contains("No dead-lettered messages.");
    }

    @Test
    void replayRequestsTheOneMessage() throws SQLException {
        UUID id = park("orders", "orders-PAYMENT_created", "PAYMENT.created", "no such order");
        UUID other = park("orders", "orders-PAYMENT_created", "PAYMENT.created", "no such order");

        assertThat(dlq.run(List.of("replay", id.toString()))).isZero();

        assertThat(replayRequested("orders", id)).isNotNull();
        assertThat(replayRequested("orders", other)).isNull();
        assertThat(output()).contains("Replay of " + id + " requested from orders.");
    }

    @Test
    void replayOfAnUnknownOrMalformedIdFails() throws SQLException {
        assertThat(dlq.run(List.of("replay", UUID.randomUUID().toString()))).isEqualTo(1);
        assertThat(dlq.run(List.of("replay", "nope"))).isEqualTo(64);
    }

    @Test
    void replayAllRequestsEveryParkedMessage() throws SQLException {
        UUID a = park("tickets", "c", "ORDER.created", "e");
        UUID b = park("orders", "c", "PAYMENT.created", "e");

        assertThat(dlq.run(List.of("replay", "--all"))).isZero();

        assertThat(replayRequested("tickets", a)).isNotNull();
        assertThat(replayRequested("orders", b)).isNotNull();
        assertThat(output()).contains("Replay of 2 message(s) requested.");
    }

    private UUID park(String service, String consumer, String subject, String error) throws SQLException {
        UUID id = UUID.randomUUID();
        try (var c = database.connect(service);
                var insert = c.prepareStatement("""
                insert into messaging_dead_letter(id, consumer, subject, event_id, payload, headers, error, deliveries, parked_at)
                values (?, ?, ?, ?, '{}', '{}'::jsonb, ?, 5, now())""")) {
            insert.setObject(1, id);
            insert.setString(2, consumer);
            insert.setString(3, subject);
            insert.setObject(4, UUID.randomUUID());
            insert.setString(5, error);
            insert.executeUpdate();
        }
        return id;
    }

    private Timestamp replayRequested(String service, UUID id) throws SQLException {
        try (var c = database.connect(service);
                var query = c.prepareStatement("select replay_requested_at from messaging_dead_letter where id = ?")) {
            query.setObject(1, id);
            var rs = query.executeQuery();
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
