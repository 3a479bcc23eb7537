package dev.ticketing.tickets.listing.domain;

import java.util.Optional;

/**
 * The stock rule of a listing, written here and nowhere else: of {@code quantity} units, {@code reserved} are held
 * for unpaid orders, {@code sold} are paid for, the rest are available, and none of these three counts is ever
 * below zero. So no listing is oversold: reserved + sold never exceed the quantity.
 *
 * <p>Java code asks this record. The database is told the same rule by SQL rendered from {@link Count} and
 * {@link Move} (StockSql in the listing package): a stock movement is one conditional update whose condition is
 * exactly {@link #allows}, so that concurrent movements serialise on the row and none can oversell.
 */
public record Stock(int quantity, int reserved, int sold) {

    /**
     * The counts the rule keeps at zero or above, each a sum of the three counters, every counter taken once,
     * subtracted, or left out. They are weights rather than code so that SQL is rendered from this very
     * definition instead of restating its arithmetic.
     */
    public enum Count {
        RESERVED(0, 1, 0),
        SOLD(0, 0, 1),
        /** quantity − reserved − sold: what a buyer can still order. */
        AVAILABLE(1, -1, -1);

        private final int quantityWeight;
        private final int reservedWeight;
        private final int soldWeight;

        Count(int quantityWeight, int reservedWeight, int soldWeight) {
            this.quantityWeight = quantityWeight;
            this.reservedWeight = reservedWeight;
            this.soldWeight = soldWeight;
        }

        int of(Stock stock) {
            return of(stock.quantity, stock.reserved, stock.sold);
        }

        int of(int quantity, int reserved, int sold) {
            return quantityWeight * quantity + reservedWeight * reserved + soldWeight * sold;
        }

        public int quantityWeight() {
            return quantityWeight;
        }

        public int reservedWeight() {
            return reservedWeight;
        }

        public int soldWeight() {
            return soldWeight;
        }
    }

    /**
     * A movement of the counters, as the order saga makes them; the quantity is the seller's and never moves with
     * them (see {@link #withQuantity}).
     *
     * @param reserved units added to (or, negative, taken from) {@code reserved}
     * @param sold     units added to (or, negative, taken from) {@code sold}
     */
    public record Move(int reserved, int sold) {

        /** Holds units for an order. */
        public static Move reserve(int units) {
            return new Move(positive(units), 0);
        }

        /** Gives held units back. */
        public static Move release(int units) {
            return new Move(-positive(units), 0);
        }

        /** Turns held units into sold ones. */
        public static Move sell(int units) {
            return new Move(-positive(units), positive(units));
        }

        /** Gives sold units back (their e-tickets were revoked). */
        public static Move unsell(int units) {
            return new Move(0, -positive(units));
        }

        /**
         * The least value {@code count} may have before this move for it to be at zero or above after it: for
         * AVAILABLE when reserving 3 units, 3. A conditional update compares the row with these bounds, and
         * {@link Stock#allows} compares the record with them, so both decide by the same numbers.
         */
        public int leastBefore(Count count) {
            return -(count.reservedWeight * reserved + count.soldWeight * sold);
        }

        // a movement of no units (or of minus some) would be a caller's bug, not a question for the rule
        private static int positive(int units) {
            if (units < 1) {
                throw new IllegalArgumentException("A stock movement is of at least one unit, not " + units);
            }
            return units;
        }
    }

    public Stock {
        if (!holds(quantity, reserved, sold)) {
            throw new IllegalArgumentException(
                    "Inconsistent stock: quantity " + quantity + ", reserved " + reserved + ", sold " + sold);
        }
    }

    /** Whether these counters keep the rule: every {@link Count} at zero or above. */
    public static boolean holds(int quantity, int reserved, int sold) {
        for (Count count : Count.values()) {
            if (count.of(quantity, reserved, sold) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Units a buyer can still order. */
    public int available() {
        return Count.AVAILABLE.of(this);
    }

    /** Whether the move keeps the rule, e.g. whether {@code Move.reserve(units)} finds that many available. */
    public boolean allows(Move move) {
        for (Count count : Count.values()) {
            if (count.of(this) < move.leastBefore(count)) {
                return false;
            }
        }
        return true;
    }

    /** The stock after the move, or empty when the move would break the rule (and so changes nothing). */
    public Optional<Stock> after(Move move) {
        return allows(move)
                ? Optional.of(new Stock(quantity, reserved + move.reserved(), sold + move.sold()))
                : Optional.empty();
    }

    /**
     * The stock under a quantity the seller set, or empty when that quantity cannot cover what is already
     * reserved and sold.
     */
    Optional<Stock> withQuantity(int newQuantity) {
        return holds(newQuantity, reserved, sold)
                ? Optional.of(new Stock(newQuantity, reserved, sold))
                : Optional.empty();
    }
}
