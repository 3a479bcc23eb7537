package dev.ticketing.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dead letters of every service: {@code messaging_dead_letter} in each database of the stack's PostgreSQL that
 * has one (one per service; a service added later is found without a change here), read as the superuser. A
 * benchmark run must park none: any new one means the load broke something, and fails the run.
 */
final class DeadLetters {

    private static final String UNDEFINED_TABLE = "42P01";

    /** One parked message, as {@code ./ticketing dlq list} shows it. */
    record Letter(String service, String id, String consumer, String subject, Instant parkedAt, String error) {}

    private final StackInfo stack;

    DeadLetters(StackInfo stack) {
        this.stack = stack;
    }

    List<Letter> all() throws SQLException {
        var letters = new ArrayList<Letter>();
        for (String database : databases()) {
            try (Connection c = stack.connectAsSuperuser(database);
                    var rs = c.createStatement()
                            .executeQuery("select id::text, consumer, subject, parked_at, error "
                                    + "from messaging_dead_letter order by parked_at")) {
                while (rs.next()) {
                    String error = rs.getString(5);
                    letters.add(new Letter(
                            database,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            error == null ? "" : error.lines().findFirst().orElse("")));
                }
            } catch (SQLException e) {
                if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return letters;
    }

    private List<String> databases() throws SQLException {
        var names = new ArrayList<String>();
        try (Connection c = stack.connectAsSuperuser("postgres");
                var rs = c.createStatement().executeQuery(StackInfo.SERVICE_DATABASES + " order by datname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The letters of {@code after} that were not in {@code before}. */
    static List<Letter> added(List<Letter> before, List<Letter> after) {
        Set<String> known = before.stream().map(Letter::id).collect(Collectors.toSet());
        return after.stream().filter(l -> !known.contains(l.id())).toList();
    }
}
