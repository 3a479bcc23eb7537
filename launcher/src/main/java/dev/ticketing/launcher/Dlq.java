package dev.ticketing.launcher;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./ticketing dlq list|replay <id>|replay --all}: the operator's view of every service's
 * {@code messaging_dead_letter} table. A replay only sets {@code replay_requested_at}; the owning service picks
 * the message up and re-runs it through its normal inbox path.
 */
final class Dlq {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final String INVALID_CATALOG = "3D000";

    record Parked(
            UUID id,
            String service,
            String consumer,
            String subject,
            int deliveries,
            Timestamp parkedAt,
            String error,
            Timestamp replayRequestedAt,
            Timestamp replayedAt) {

        String state() {
            if (replayedAt != null && (replayRequestedAt == null || !replayedAt.before(replayRequestedAt))) {
                return "replayed";
            }
            return replayRequestedAt != null ? "replaying" : "parked";
        }
    }

    private final Database database;
    private final List<String> services;
    private final PrintStream out;

    Dlq(Database database, List<String> services, PrintStream out) {
        this.database = database;
        this.services = services;
        this.out = out;
    }

    int run(List<String> args) throws SQLException {
        if (args.isEmpty() || args.getFirst().equals("list")) {
            return list();
        }
        if (args.getFirst().equals("replay") && args.size() == 2) {
            return args.get(1).equals("--all") ? replayAll() : replay(args.get(1));
        }
        out.println("usage: ./ticketing dlq list | replay <id> | replay --all");
        return 64;
    }

    private int list() throws SQLException {
        List<Parked> all = new ArrayList<>();
        for (String service : services) {
            all.addAll(parked(service));
        }
        if (all.isEmpty()) {
            out.println("No dead-lettered messages.");
            return 0;
        }
        String format = "%-36s  %-10s  %-34s  %-22s  %10s  %-24s  %-9s  %s%n";
        out.printf(format, "ID", "SERVICE", "CONSUMER", "SUBJECT", "DELIVERIES", "PARKED AT", "STATE", "ERROR");
        for (Parked p : all) {
            out.printf(
                    format,
                    p.id(),
                    p.service(),
                    p.consumer(),
                    p.subject(),
                    p.deliveries(),
                    p.parkedAt().toInstant(),
                    p.state(),
                    firstLine(p.error()));
        }
        return 0;
    }

    private int replay(String id) throws SQLException {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            out.println("Not a message id: " + id);
            return 64;
        }
        for (String service : services) {
            int updated =
                    update(service, "update messaging_dead_letter set replay_requested_at = now() where id = ?", uuid);
            if (updated > 0) {
                out.println("Replay of " + id + " requested from " + service + ".");
                return 0;
            }
        }
        out.println("No dead-lettered message " + id + ".");
        return 1;
    }

    private int replayAll() throws SQLException {
        int total = 0;
        for (String service : services) {
            int updated = update(
                    service,
                    "update messaging_dead_letter set replay_requested_at = now() "
                            + "where replayed_at is null and replay_requested_at is null",
                    null);
            if (updated > 0) {
                out.println(service + ": replay of " + updated + " message(s) requested.");
            }
            total += updated;
        }
        out.println(total == 0 ? "Nothing to replay." : "Replay of " + total + " message(s) requested.");
        return 0;
    }

    private List<Parked> parked(String service) throws SQLException {
        var rows = new ArrayList<Parked>();
        try (Connection c = database.connect(service);
                var query = c.prepareStatement("select id, consumer, subject, deliveries, parked_at, error, "
                        + "replay_requested_at, replayed_at from messaging_dead_letter order by parked_at")) {
            var rs = query.executeQuery();
            while (rs.next()) {
                rows.add(new Parked(
                        rs.getObject("id", UUID.class),
                        service,
                        rs.getString("consumer"),
                        rs.getString("subject"),
                        rs.getInt("deliveries"),
                        rs.getTimestamp("parked_at"),
                        rs.getString("error"),
                        rs.getTimestamp("replay_requested_at"),
                        rs.getTimestamp("replayed_at")));
            }
        } catch (SQLException e) {
            if (!isMissingTableOrDatabase(e)) {
                throw e;
            }
        }
        return rows;
    }

    private int update(String service, String sql, UUID id) throws SQLException {
        try (Connection c = database.connect(service);
                var update = c.prepareStatement(sql)) {
            if (id != null) {
                update.setObject(1, id);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            if (isMissingTableOrDatabase(e)) {
                return 0;
            }
            throw e;
        }
    }

    /** A service that has not run yet has no database or no messaging tables: nothing parked there. */
    private static boolean isMissingTableOrDatabase(SQLException e) {
        return UNDEFINED_TABLE.equals(e.getSQLState()) || INVALID_CATALOG.equals(e.getSQLState());
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
