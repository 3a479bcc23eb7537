package dev.ticketing.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bound a purchase is measured against: the writes one purchase makes across our services (stock, order,
 * buyer wallet and ledger, payment, e-ticket, seller wallet and ledger), done as ONE transaction on the stack's own
 * PostgreSQL, from as many JDBC clients as the closed loop has buyers, over as many listings. No messaging, no
 * HTTP, no token checks: what the same durable writes cost when nothing else is in the way.
 *
 * <p>It runs in a scratch database ({@value #DATABASE}) with tables shaped like ours (same columns, checks,
 * foreign keys and indexes as the migrations of tickets, orders and payments), created for the run and dropped
 * after it. Listings have no 10,000-unit limit here so the hot row never sells out.
 */
final class Baseline implements AutoCloseable {

    static final String DATABASE = "bench_baseline";
    static final BigDecimal PRICE = new BigDecimal("0.01");

    /** The writes of one purchase, in the order the saga makes them. */
    private static final String[] PURCHASE = {
        "update listings set sold = sold + 1, version = version + 1, updated_at = now() "
                + "where id = ? and quantity - reserved - sold >= 1",
        "insert into orders (id, user_id, ticket_id, seller_id, quantity, unit_price, total, status, outcome, "
                + "expires_at, created_at, updated_at, version, reserve_confirmed, reserve_deadline, units_held) "
                + "values (?, ?, ?, ?, 1, ?, ?, 'complete', 'SUCCESS', now() + interval '15 minutes', now(), now(), "
                + "3, true, now() + interval '30 seconds', false)",
        "update wallets set balance = balance - ?, version = version + 1 where user_id = ? and balance - ? >= 0",
        "insert into ledger (id, user_id, order_id, kind, amount, at) values (?, ?, ?, 'DEBIT', ?, now())",
        "insert into payments (id, order_id, user_id, amount, status, created_at) values (?, ?, ?, ?, 'CAPTURED', now())",
        "insert into e_tickets (code, listing_id, order_id, buyer_id, issued_at) values (?, ?, ?, ?, now())",
        "update wallets set balance = balance + ?, version = version + 1 where user_id = ?",
        "insert into ledger (id, user_id, order_id, kind, amount, at) values (?, ?, ?, 'SALE', ?, now())",
    };

    /** One group of listings the clients buy from, and who sells each. */
    record Market(String name, List<UUID> listings, List<String> sellers) {}

    /**
     * Transactions per second of one market.
     *
     * @param retried transactions repeated after a serialization failure or deadlock (none expected: every
     *                transaction locks the listing, then the buyer's wallet, then the seller's)
     */
    record Result(
            String scenario,
            int clients,
            int listings,
            double windowSeconds,
            long transactions,
            double tps,
            Stats.Summary latency,
            long retried,
            CpuMeter.Usage cpu,
            double postgresCpuMsPerTransaction) {}

    private final StackInfo stack;
    /** Drops the scratch database if the bench is stopped (Ctrl-C) while it exists. */
    private final Thread dropOnExit = new Thread(this::dropQuietly, "baseline-drop");

    private Baseline(StackInfo stack) {
        this.stack = stack;
    }

    /** A fresh scratch database with {@code clients} buyers (one each) and the markets' listings and sellers. */
    static Baseline create(StackInfo stack, int clients, List<Market> markets) throws SQLException {
        var baseline = new Baseline(stack);
        baseline.dropDatabase();
        try (Connection c = stack.connectAsSuperuser("postgres");
                var sql = c.createStatement()) {
            sql.execute("create database " + DATABASE);
        }
        Runtime.getRuntime().addShutdownHook(baseline.dropOnExit);
        try (Connection c = stack.connectAsSuperuser(DATABASE)) {
            try (var sql = c.createStatement()) {
                for (String statement : BaselineSchema.STATEMENTS) {
                    sql.execute(statement);
                }
            }
            baseline.fill(c, clients, markets);
        }
        return baseline;
    }

    private void fill(Connection c, int clients, List<Market> markets) throws SQLException {
        try (var wallet =
                        c.prepareStatement("insert into wallets (user_id, balance, created_at) values (?, ?, now())");
                var listing =
                        c.prepareStatement("insert into listings (id, seller_id, title, price, quantity, created_at, "
                                + "updated_at) values (?, ?, 'baseline', ?, 2000000000, now(), now())")) {
            for (int i = 0; i < clients; i++) {
                wallet.setString(1, buyer(i));
                wallet.setBigDecimal(2, new BigDecimal("1000000000"));
                wallet.addBatch();
            }
            for (Market market : markets) {
                for (String seller : market.sellers()) {
                    wallet.setString(1, seller);
                    wallet.setBigDecimal(2, BigDecimal.ZERO);
                    wallet.addBatch();
                }
                for (int i = 0; i < market.listings().size(); i++) {
                    listing.setObject(1, market.listings().get(i));
                    listing.setString(2, sellerOf(market, i));
                    listing.setBigDecimal(3, PRICE);
                    listing.addBatch();
                }
            }
            wallet.executeBatch();
            listing.executeBatch();
        }
        try (var sql = c.createStatement()) {
            sql.execute("analyze");
        }
    }

    /** {@code clients} JDBC clients buying from {@code market} for a warm-up and a measured window. */
    Result run(Market market, int clients, Duration warmup, Duration duration, CpuMeter cpu, Console console)
            throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + duration.toNanos();
        var workers = new ArrayList<Thread>();
        var results = new ArrayList<Client>();
        var failure = new AtomicReference<Throwable>();
        var measured = new CountDownLatch(1);
        for (int i = 0; i < clients; i++) {
            var client = new Client(buyer(i), market, windowStart, windowEnd, measured);
            results.add(client);
            workers.add(Thread.ofPlatform().name("baseline-" + i).start(() -> {
                try {
                    client.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        Console.Gauge committed = () -> results.stream().mapToLong(c -> c.all).sum();
        var progress = console.progress("baseline " + market.name(), committed, start, windowStart, windowEnd);
        OpenLoop.sleepUntil(windowStart);
        CpuMeter.Snapshot from = cpu.snapshot();
        OpenLoop.sleepUntil(windowEnd);
        CpuMeter.Snapshot to = cpu.snapshot();
        measured.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        progress.stop();
        if (failure.get() != null) {
            throw new IllegalStateException("The one-transaction baseline failed", failure.get());
        }
        long transactions = results.stream().mapToLong(c -> c.committed).sum();
        long retried = results.stream().mapToLong(c -> c.retried).sum();
        double[] latencies = results.stream()
                .flatMap(c -> c.latencies.stream())
                .mapToDouble(Double::doubleValue)
                .toArray();
        double seconds = duration.toNanos() / 1e9;
        CpuMeter.Usage usage = CpuMeter.between(from, to);
        double postgres = usage.processes().getOrDefault(StackInfo.POSTGRES, -1.0);
        return new Result(
                market.name(),
                clients,
                market.listings().size(),
                seconds,
                transactions,
                transactions / seconds,
                Stats.summary(latencies),
                retried,
                usage,
                transactions == 0 || postgres < 0 ? -1 : postgres * 1000 / transactions);
    }

    /** One JDBC client: its own connection and buyer, purchases back to back. */
    private final class Client {

        private final String buyer;
        private final Market market;
        private final long windowStart;
        private final long windowEnd;
        private final CountDownLatch measured;
        private final List<Double> latencies = new ArrayList<>();
        private long committed;
        private long retried;
        /** Every commit, warm-up included, for the progress line (read by another thread, hence volatile). */
        private volatile long all;

        Client(String buyer, Market market, long windowStart, long windowEnd, CountDownLatch measured) {
            this.buyer = buyer;
            this.market = market;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.measured = measured;
        }

        void run() throws SQLException, InterruptedException {
            try (Connection c = stack.connectAsSuperuser(DATABASE)) {
                c.setAutoCommit(false);
                var statements = new PreparedStatement[PURCHASE.length];
                for (int i = 0; i < PURCHASE.length; i++) {
                    statements[i] = c.prepareStatement(PURCHASE[i]);
                }
                while (System.nanoTime() < windowEnd) {
                    int listing = ThreadLocalRandom.current()
                            .nextInt(market.listings().size());
                    long begin = System.nanoTime();
                    while (!purchase(c, statements, listing)) {
                        retried++;
                    }
                    long end = System.nanoTime();
                    all++;
                    if (begin >= windowStart && end < windowEnd) {
                        committed++;
                        latencies.add((end - begin) / 1e6);
                    }
                }
                // A backend that exits is counted in the postmaster's children's time only once reaped: closing
                // before the window's last CPU reading would make its ticks vanish from the sum for a moment.
                measured.await();
            }
        }

        /** One purchase as one transaction; false when PostgreSQL asks to retry it. */
        private boolean purchase(Connection c, PreparedStatement[] s, int listing) throws SQLException {
            UUID listingId = market.listings().get(listing);
            String seller = sellerOf(market, listing);
            UUID order = UUID.randomUUID();
            try {
                s[0].setObject(1, listingId);
                requireOneRow(s[0].executeUpdate(), "listing sold out");
                s[1].setObject(1, order);
                s[1].setString(2, buyer);
                s[1].setObject(3, listingId);
                s[1].setString(4, seller);
                s[1].setBigDecimal(5, PRICE);
                s[1].setBigDecimal(6, PRICE);
                s[1].executeUpdate();
                s[2].setBigDecimal(1, PRICE);
                s[2].setString(2, buyer);
                s[2].setBigDecimal(3, PRICE);
                requireOneRow(s[2].executeUpdate(), "buyer out of credits");
                ledger(s[3], buyer, order);
                s[4].setObject(1, UUID.randomUUID());
                s[4].setString(2, order.toString());
                s[4].setString(3, buyer);
                s[4].setBigDecimal(4, PRICE);
                s[4].executeUpdate();
                s[5].setString(1, UUID.randomUUID().toString());
                s[5].setObject(2, listingId);
                s[5].setObject(3, order);
                s[5].setString(4, buyer);
                s[5].executeUpdate();
                s[6].setBigDecimal(1, PRICE);
                s[6].setString(2, seller);
                requireOneRow(s[6].executeUpdate(), "no seller wallet");
                ledger(s[7], seller, order);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                if ("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }

        private static void ledger(PreparedStatement s, String user, UUID order) throws SQLException {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, user);
            s.setString(3, order.toString());
            s.setBigDecimal(4, PRICE);
            s.executeUpdate();
        }
    }

    private static void requireOneRow(int rows, String otherwise) {
        if (rows != 1) {
            throw new IllegalStateException("baseline: " + otherwise);
        }
    }

    private static String buyer(int client) {
        return "buyer-" + client;
    }

    private static String sellerOf(Market market, int listing) {
        return market.sellers().get(listing % market.sellers().size());
    }

    private void dropDatabase() throws SQLException {
        try (Connection c = stack.connectAsSuperuser("postgres");
                var sql = c.createStatement()) {
            sql.execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    private void dropQuietly() {
        try {
            dropDatabase();
        } catch (SQLException e) {
            System.err.println("bench: could not drop " + DATABASE + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            Runtime.getRuntime().removeShutdownHook(dropOnExit);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook drops it
        }
        dropDatabase();
    }
}
