package dev.ticketing.tickets.listing;

import dev.ticketing.tickets.listing.domain.Stock;
import dev.ticketing.tickets.listing.domain.Stock.Count;
import dev.ticketing.tickets.listing.domain.Stock.Move;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stock rule of {@link Stock} as SQL over the counter columns of {@code listings} ({@code quantity},
 * {@code reserved}, {@code sold}), rendered from the record's counts and moves so that no statement restates the
 * arithmetic. The {@code listings_stock} check constraint of the first migration says the same and stays as the
 * backstop of any other write.
 */
public final class StockSql {

    /** The assignments of every stock movement; {@link #parameters} gives their values for one. */
    public static final String MOVE = "reserved = reserved + :moveReserved, sold = sold + :moveSold";

    /**
     * True when the row may take the movement: each count at least the movement's bound, the comparison
     * {@link Stock#allows} makes. In the WHERE of the UPDATE that moves, it is evaluated on the row as it is when
     * the update gets its lock, so concurrent movements of one listing cannot oversell.
     */
    public static final String ALLOWS_MOVE = Arrays.stream(Count.values())
            .map(count -> of(count, "") + " >= :" + boundParameter(count))
            .collect(Collectors.joining(" and "));

    private StockSql() {}

    /** The named parameters of {@link #MOVE} and {@link #ALLOWS_MOVE} for one movement. */
    public static Map<String, Object> parameters(Move move) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("moveReserved", move.reserved());
        parameters.put("moveSold", move.sold());
        for (Count count : Count.values()) {
            parameters.put(boundParameter(count), move.leastBefore(count));
        }
        return parameters;
    }

    /**
     * Listings with a unit left. Word for word the predicate of the partial index
     * {@code listings_available_newest} (third migration) over the table alias, so that the planner can prove the
     * index applies.
     */
    static String hasUnitsLeft(String alias) {
        return of(Count.AVAILABLE, alias + ".") + " > 0";
    }

    /** A count over the columns, e.g. {@code l.quantity - l.reserved - l.sold} for AVAILABLE and prefix "l.". */
    static String of(Count count, String prefix) {
        StringBuilder sql = new StringBuilder();
        term(sql, count.quantityWeight(), prefix + "quantity");
        term(sql, count.reservedWeight(), prefix + "reserved");
        term(sql, count.soldWeight(), prefix + "sold");
        return sql.isEmpty() ? "0" : sql.toString();
    }

    private static void term(StringBuilder sql, int weight, String column) {
        if (weight == 0) {
            return;
        }
        if (sql.isEmpty()) {
            sql.append(weight < 0 ? "-" : "");
        } else {
            sql.append(weight < 0 ? " - " : " + ");
        }
        int magnitude = Math.abs(weight);
        sql.append(magnitude == 1 ? column : magnitude + " * " + column);
    }

    private static String boundParameter(Count count) {
        return switch (count) {
            case RESERVED -> "leastReserved";
            case SOLD -> "leastSold";
            case AVAILABLE -> "leastAvailable";
        };
    }
}
