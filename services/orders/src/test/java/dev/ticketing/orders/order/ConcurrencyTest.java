package dev.ticketing.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.orders.OrdersServiceTest;
import dev.ticketing.platform.test.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Concurrent buyers never oversell a listing, one buyer never exceeds the unpaid-order limit, and concurrent retries
 * with one Idempotency-Key order once.
 */
class ConcurrencyTest extends OrdersServiceTest {

    @Test
    void fiftyBuyersRacingForOneUnitGetExactlyOneOrder() throws Exception {
        String listing = listing(newUser(), "10", 1);
        List<User> buyers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            buyers.add(newUser());
        }
        List<Http.Response> responses =
                race(50, i -> http.post("/api/orders", buyers.get(i).token(), body("ticketId", listing)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() == 400)
                .hasSize(49)
                .allSatisfy(
                        r -> assertThat(r.errors()).containsExactly(Map.of("message", "Ticket is already reserved")));
        assertThat(counters(listing)).containsExactly(1, 0);
        assertThat(count("select count(*) from orders")).isEqualTo(1);
    }

    @Test
    void thirtyBuyersRacingForTenUnitsGetExactlyTen() throws Exception {
        String listing = listing(newUser(), "10", 10);
        List<User> buyers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            buyers.add(newUser());
        }
        List<Http.Response> responses = race(
                30, i -> http.post("/api/orders", buyers.get(i).token(), body("ticketId", listing, "quantity", 1)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(10);
        assertThat(responses).filteredOn(r -> r.status() == 400).hasSize(20);
        assertThat(counters(listing)).containsExactly(10, 0);
        assertThat(count("select coalesce(sum(quantity), 0) from orders")).isEqualTo(10);
    }

    @Test
    void twentyConcurrentOrdersOfOneBuyerStopAtTheUnpaidLimit() throws Exception {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 100);
        List<Http.Response> responses =
                race(20, i -> http.post("/api/orders", buyer.token(), body("ticketId", listing)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(10);
        assertThat(responses)
                .filteredOn(r -> r.status() == 400)
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.errors()).containsExactly(Map.of("message", "Too many unpaid orders")));
        assertThat(count("select count(*) from orders where status = 'created'"))
                .isEqualTo(10);
        assertThat(counters(listing)).containsExactly(10, 0);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyCreateOneOrderAndAnswerItEveryTime() throws Exception {
        User buyer = newUser();
        String listing = listing(newUser(), "10", 5);
        Map<String, String> key = Map.of("Idempotency-Key", "one-purchase");
        List<Http.Response> responses =
                race(8, i -> http.post("/api/orders", buyer.token(), body("ticketId", listing, "quantity", 2), key));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.raw()).isEqualTo(responses.getFirst().raw());
        });
        assertThat(count("select count(*) from orders")).isEqualTo(1);
        assertThat(counters(listing)).containsExactly(2, 0);
    }

    /** Runs {@code n} requests at once (released together by a latch) and returns every response. */
    private static List<Http.Response> race(int n, Function<Integer, Http.Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Http.Response> call = () -> {
                    start.await();
                    return request.apply(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
