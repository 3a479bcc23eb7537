package dev.ticketing.tickets.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.tickets.TicketsServiceTest;
import dev.ticketing.tickets.listing.domain.Stock;
import dev.ticketing.tickets.listing.domain.Stock.Move;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database refuses exactly the stock the domain refuses: {@link ListingStock}'s conditional updates, the SQL
 * rendered from {@link Stock}, decide every move as {@link Stock#after} does, the {@code listings_stock} check
 * constraint refuses exactly the counters {@link Stock#holds} refuses, and buyers racing for the last units of a
 * listing never get more than it has.
 */
class ListingStockTest extends TicketsServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    /** A kind of move as the rule states it and as the saga makes it in the database (true: it moved). */
    private enum Kind {
        RESERVE(Move::reserve),
        RELEASE(Move::release),
        SELL(Move::sell),
        UNSELL(Move::unsell);

        final IntFunction<Move> rule;

        Kind(IntFunction<Move> rule) {
            this.rule = rule;
        }

        boolean moveIn(ListingStock stock, UUID listingId, int units) {
            if (this == RESERVE) {
                return stock.reserve(listingId, units, NOW).isPresent();
            }
            try {
                switch (this) {
                    case RELEASE -> stock.release(listingId, units, NOW);
                    case SELL -> stock.sell(listingId, units, NOW);
                    default -> stock.unsell(listingId, units, NOW);
                }
                return true;
            } catch (IllegalStateException refused) {
                return false;
            }
        }
    }

    private record Row(Stock stock, long version) {}

    @Autowired
    ListingStock stock;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyMoveIsDecidedInTheDatabaseAsTheRuleDecidesIt() {
        for (int quantity = 1; quantity <= 3; quantity++) {
            for (int reserved = 0; reserved <= quantity; reserved++) {
                for (int sold = 0; reserved + sold <= quantity; sold++) {
                    for (Kind kind : Kind.values()) {
                        for (int units = 1; units <= quantity + 1; units++) {
                            Stock before = new Stock(quantity, reserved, sold);
                            UUID listingId = insert(before);

                            boolean moved = kind.moveIn(stock, listingId, units);

                            var expected = before.after(kind.rule.apply(units));
                            String move = kind + " " + units + " of " + before;
                            assertThat(moved).as(move).isEqualTo(expected.isPresent());
                            assertThat(row(listingId))
                                    .as(move)
                                    .isEqualTo(new Row(expected.orElse(before), moved ? 1 : 0));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theCheckConstraintRefusesExactlyTheCountersTheRuleRefuses() {
        for (int quantity = 1; quantity <= 3; quantity++) {
            for (int reserved = -1; reserved <= quantity + 1; reserved++) {
                for (int sold = -1; sold <= quantity + 1; sold++) {
                    boolean stored;
                    try {
                        insertCounters(quantity, reserved, sold);
                        stored = true;
                    } catch (DataIntegrityViolationException refused) {
                        assertThat(refused).hasMessageContaining("listings_stock");
                        stored = false;
                    }
                    assertThat(stored)
                            .as("quantity %d, reserved %d, sold %d", quantity, reserved, sold)
                            .isEqualTo(Stock.holds(quantity, reserved, sold));
                }
            }
        }
    }

    /**
     * More buyers than units, each reserving in a transaction that keeps its row lock a moment: the updates
     * waiting for that lock must decide on the row the winner committed, not on the one they first saw.
     */
    @Test
    void buyersRacingForTheLastUnitsGetExactlyTheQuantity() throws Exception {
        UUID listingId = insert(new Stock(10, 0, 0));
        List<Integer> attempts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            attempts.add(1);
        }
        for (int i = 0; i < 4; i++) {
            attempts.add(3);
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService buyers = Executors.newFixedThreadPool(attempts.size())) {
            for (int units : attempts) {
                results.add(buyers.submit(() -> {
                    start.await();
                    return transactions.execute(status -> {
                        boolean reserved = stock.reserve(listingId, units, NOW).isPresent();
                        pause();
                        return reserved;
                    });
                }));
            }
            start.countDown();
        }

        int granted = 0;
        int grants = 0;
        for (int i = 0; i < attempts.size(); i++) {
            if (results.get(i).get()) {
                granted += attempts.get(i);
                grants++;
            }
        }
        // twelve buyers of one unit would take more than ten, so none can be left over: exactly ten are held
        assertThat(granted).isEqualTo(10);
        assertThat(row(listingId)).isEqualTo(new Row(new Stock(10, 10, 0), grants));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UUID insert(Stock stock) {
        return insertCounters(stock.quantity(), stock.reserved(), stock.sold());
    }

    private UUID insertCounters(int quantity, int reserved, int sold) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into listings (id, seller_id, title, price, quantity, reserved, sold, created_at, updated_at)
                        values (:id, 'seller', 'Concert', 20, :quantity, :reserved, :sold, now(), now())
                        """)
                .param("id", id)
                .param("quantity", quantity)
                .param("reserved", reserved)
                .param("sold", sold)
                .update();
        return id;
    }

    private Row row(UUID listingId) {
        return jdbc.sql("select quantity, reserved, sold, version from listings where id = :id")
                .param("id", listingId)
                .query((rs, n) -> new Row(
                        new Stock(rs.getInt("quantity"), rs.getInt("reserved"), rs.getInt("sold")),
                        rs.getLong("version")))
                .single();
    }
}
