package dev.ticketing.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * N buyers for M &lt; N units of one listing, all ordering at the same instant (a latch opened once every buyer
 * waits on it), each paying as soon as its order is created. Exactly M should succeed; the others should be
 * refused at once with {@code Ticket is already reserved}; everything should be final within seconds.
 */
final class FlashSale {

    static final String SOLD_OUT = "Ticket is already reserved";

    /**
     * @param success       orders that completed (SUCCESS)
     * @param soldOut       orders refused at once with {@link #SOLD_OUT}
     * @param other         every other ending, by what happened (create refusals, outcomes, timeouts)
     * @param allFinalSeconds from the start until the last buyer knew the end of its purchase (a refusal's answer
     *                      or the order's final event)
     * @param create        latency of the accepted orders' POST /api/orders
     * @param refusal       latency of the refused ones
     * @param payToComplete of the completed ones
     * @param cpu           CPU seconds from the start until everything was final
     */
    record Result(
            int buyers,
            int units,
            long success,
            long soldOut,
            Map<String, Long> other,
            double allFinalSeconds,
            Stats.Summary create,
            Stats.Summary refusal,
            Stats.Summary pay,
            Stats.Summary payToComplete,
            CpuMeter.Usage cpu) {

        /** The target of issue 7: exactly M SUCCESS, the rest refused as sold out, nothing else, final within 10 s. */
        boolean asExpected() {
            return success == units && soldOut == buyers - units && other.isEmpty() && allFinalSeconds <= 10;
        }
    }

    private final Api api;
    private final Purchases purchases;
    private final CpuMeter cpu;

    FlashSale(Api api, Purchases purchases, CpuMeter cpu) {
        this.api = api;
        this.purchases = purchases;
        this.cpu = cpu;
    }

    Result run(List<Population.User> buyers, String listingId, int units) throws InterruptedException {
        var ready = new CountDownLatch(buyers.size());
        var go = new CountDownLatch(1);
        var results = new PurchaseResult[buyers.size()];
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < buyers.size(); i++) {
            int index = i;
            threads.add(Thread.ofVirtual().name("flash-", i).start(() -> {
                // Buyers look at the listing while they wait for the sale to open, as people on its page would: the
                // client's connections are open by then, so the sale measures the system, not TCP handshakes.
                api.ticket(listingId);
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                results[index] = purchases.buy(buyers.get(index), listingId, System.nanoTime());
            }));
        }
        ready.await();
        CpuMeter.Snapshot from = cpu.snapshot();
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        CpuMeter.Snapshot to = cpu.snapshot();
        return summarise(buyers.size(), units, List.of(results), start, CpuMeter.between(from, to));
    }

    static Result summarise(int buyers, int units, List<PurchaseResult> results, long start, CpuMeter.Usage cpu) {
        long success = 0;
        long soldOut = 0;
        var other = new TreeMap<String, Long>();
        long last = start;
        for (PurchaseResult r : results) {
            if (r.completed()) {
                success++;
            } else if (("create 400 " + SOLD_OUT).equals(r.failure())) {
                soldOut++;
            } else {
                other.merge(r.failure() == null ? "outcome " + r.outcome() : r.failure(), 1L, Long::sum);
            }
            last = Math.max(last, r.orderCreated() ? Math.max(r.finalAt(), r.paid()) : r.created());
        }
        double[] create = results.stream()
                .filter(PurchaseResult::orderCreated)
                .mapToDouble(PurchaseResult::createMillis)
                .toArray();
        double[] refusal = results.stream()
                .filter(r -> !r.orderCreated())
                .mapToDouble(PurchaseResult::createMillis)
                .toArray();
        double[] pay = results.stream()
                .filter(PurchaseResult::payAccepted)
                .mapToDouble(PurchaseResult::payMillis)
                .toArray();
        double[] payToComplete = results.stream()
                .filter(PurchaseResult::completed)
                .mapToDouble(PurchaseResult::payToCompleteMillis)
                .toArray();
        return new Result(
                buyers,
                units,
                success,
                soldOut,
                other,
                (last - start) / 1e9,
                Stats.summary(create),
                Stats.summary(refusal),
                Stats.summary(pay),
                Stats.summary(payToComplete),
                cpu);
    }
}
