package dev.ticketing.tickets.listing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.tickets.listing.domain.Stock.Count;
import dev.ticketing.tickets.listing.domain.Stock.Move;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class StockTest {

    @Test
    void availableIsWhatIsNeitherReservedNorSold() {
        assertThat(new Stock(10, 3, 2).available()).isEqualTo(5);
        assertThat(new Stock(4, 0, 0).available()).isEqualTo(4);
        assertThat(new Stock(4, 1, 3).available()).isZero();
    }

    @Test
    void reservedAndSoldNeverExceedTheQuantityAndNoCountIsNegative() {
        assertThat(Stock.holds(5, 2, 3)).isTrue();
        assertThat(Stock.holds(5, 3, 3)).as("oversold").isFalse();
        assertThat(Stock.holds(5, -1, 0)).isFalse();
        assertThat(Stock.holds(5, 0, -1)).isFalse();
        assertThatThrownBy(() -> new Stock(2, 2, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Inconsistent stock: quantity 2, reserved 2, sold 1");
    }

    @Test
    void reservingTakesAvailableUnitsAndNoMore() {
        Stock stock = new Stock(5, 1, 2);
        assertThat(stock.after(Move.reserve(2))).contains(new Stock(5, 3, 2));
        assertThat(stock.after(Move.reserve(3))).as("one more than available").isEmpty();
        assertThat(new Stock(5, 0, 5).after(Move.reserve(1))).as("sold out").isEmpty();
    }

    @Test
    void releasingAndSellingNeedThatManyReservedUnits() {
        Stock stock = new Stock(5, 2, 1);
        assertThat(stock.after(Move.release(2))).contains(new Stock(5, 0, 1));
        assertThat(stock.after(Move.release(3))).isEmpty();
        assertThat(stock.after(Move.sell(2))).contains(new Stock(5, 0, 3));
        assertThat(stock.after(Move.sell(3))).isEmpty();
    }

    @Test
    void sellingLeavesWhatIsAvailableAsItWas() {
        Stock stock = new Stock(5, 2, 1);
        assertThat(stock.after(Move.sell(2)).orElseThrow().available()).isEqualTo(stock.available());
    }

    @Test
    void unsellingNeedsThatManySoldUnits() {
        Stock stock = new Stock(5, 2, 1);
        assertThat(stock.after(Move.unsell(1))).contains(new Stock(5, 2, 0));
        assertThat(stock.after(Move.unsell(2))).isEmpty();
    }

    @Test
    void aMoveIsOfAtLeastOneUnit() {
        assertThatThrownBy(() -> Move.reserve(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Move.sell(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQuantityMustCoverWhatIsReservedAndSold() {
        Stock stock = new Stock(5, 1, 2);
        assertThat(stock.withQuantity(3)).contains(new Stock(3, 1, 2));
        assertThat(stock.withQuantity(2)).isEmpty();
        assertThat(stock.withQuantity(8)).contains(new Stock(8, 1, 2));
    }

    @Test
    void theBoundsOfAMoveAreTheRuleAfterIt() {
        // allows() compares each count with the move's bound, as the SQL does: that must be the same as asking
        // whether the counters after the move keep the rule, for every stock and move
        for (Stock stock : stocksUpTo(4)) {
            for (Move move : movesUpTo(5)) {
                boolean keepsTheRule =
                        Stock.holds(stock.quantity(), stock.reserved() + move.reserved(), stock.sold() + move.sold());
                assertThat(stock.allows(move)).as("%s, %s", stock, move).isEqualTo(keepsTheRule);
                assertThat(stock.after(move).isPresent())
                        .as("%s, %s", stock, move)
                        .isEqualTo(keepsTheRule);
            }
        }
    }

    @Test
    void theBoundOfReservingIsTheUnitsAvailableItNeeds() {
        Move reserve = Move.reserve(3);
        assertThat(reserve.leastBefore(Count.AVAILABLE)).isEqualTo(3);
        assertThat(reserve.leastBefore(Count.SOLD)).isZero();
        assertThat(Move.sell(2).leastBefore(Count.RESERVED)).isEqualTo(2);
        assertThat(Move.sell(2).leastBefore(Count.AVAILABLE)).isZero();
    }

    /** Every stock that keeps the rule with a quantity from 1 to {@code maxQuantity}. */
    static List<Stock> stocksUpTo(int maxQuantity) {
        List<Stock> stocks = new ArrayList<>();
        for (int quantity = 1; quantity <= maxQuantity; quantity++) {
            for (int reserved = 0; reserved <= quantity; reserved++) {
                for (int sold = 0; reserved + sold <= quantity; sold++) {
                    stocks.add(new Stock(quantity, reserved, sold));
                }
            }
        }
        return stocks;
    }

    /** Every kind of move of 1 to {@code maxUnits} units. */
    static List<Move> movesUpTo(int maxUnits) {
        List<Move> moves = new ArrayList<>();
        for (IntFunction<Move> kind :
                List.<IntFunction<Move>>of(Move::reserve, Move::release, Move::sell, Move::unsell)) {
            for (int units = 1; units <= maxUnits; units++) {
                moves.add(kind.apply(units));
            }
        }
        return moves;
    }
}
