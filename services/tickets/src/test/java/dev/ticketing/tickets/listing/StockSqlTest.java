package dev.ticketing.tickets.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ticketing.tickets.listing.domain.Stock.Count;
import dev.ticketing.tickets.listing.domain.Stock.Move;
import org.junit.jupiter.api.Test;

/** The SQL rendered from the stock rule reads as one would write it by hand (ListingStockTest runs it). */
class StockSqlTest {

    @Test
    void eachCountIsRenderedFromItsWeights() {
        assertThat(StockSql.of(Count.AVAILABLE, "")).isEqualTo("quantity - reserved - sold");
        assertThat(StockSql.of(Count.RESERVED, "l.")).isEqualTo("l.reserved");
        assertThat(StockSql.of(Count.SOLD, "")).isEqualTo("sold");
    }

    @Test
    void aMoveIsAllowedWhenEveryCountIsAtLeastItsBound() {
        assertThat(StockSql.ALLOWS_MOVE)
                .isEqualTo("reserved >= :leastReserved and sold >= :leastSold"
                        + " and quantity - reserved - sold >= :leastAvailable");
        assertThat(StockSql.parameters(Move.reserve(3)))
                .containsExactly(
                        entry("moveReserved", 3),
                        entry("moveSold", 0),
                        entry("leastReserved", -3),
                        entry("leastSold", 0),
                        entry("leastAvailable", 3));
    }

    @Test
    void unitsLeftIsThePredicateOfThePartialIndexOverTheAlias() {
        // the index listings_available_newest is "where quantity - reserved - sold > 0"
        assertThat(StockSql.hasUnitsLeft("l")).isEqualTo("l.quantity - l.reserved - l.sold > 0");
    }
}
