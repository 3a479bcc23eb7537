package dev.ticketing.orders.replica;

import dev.ticketing.contracts.Events;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The listing replica in PostgreSQL. Details follow the tickets service's events; the counters move only with
 * orders, in the caller's transaction. They are not the listing's stock, which tickets keeps and decides on
 * (TICKET.reserved or TICKET.reservation-rejected): they count the units of orders' own orders, so that creating
 * an order can refuse at once, without asking tickets, when those already take the whole quantity.
 */
@Repository
public class ListingReplicas {

    private final JdbcClient jdbc;

    ListingReplicas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the listing from {@code TICKET.created}; false when it is already there (a repeat, or an update won). */
    boolean insertIfAbsent(Events.TicketCreated created) {
        return jdbc.sql("""
                        insert into listing_replica (id, seller_id, title, price, quantity, version)
                        values (:id, :sellerId, :title, :price, :quantity, :version)
                        on conflict (id) do nothing
                        """)
                        .param("id", UUID.fromString(created.id()))
                        .param("sellerId", created.userId())
                        .param("title", created.title())
                        .param("price", created.price())
                        .param("quantity", created.quantity())
                        .param("version", created.version())
                        .update()
                == 1;
    }

    public OptionalLong version(UUID id) {
        return jdbc.sql("select version from listing_replica where id = :id")
                .param("id", id)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * Applies a {@code TICKET.updated} if it is newer than the replica, or inserts the listing if the update came
     * before its {@code TICKET.created}; false when the replica already has this version or a newer one. The
     * counters are ours and are left alone.
     */
    public boolean applyNewer(Events.TicketUpdated updated) {
        return jdbc.sql("""
                        insert into listing_replica (id, seller_id, title, price, quantity, version)
                        values (:id, :sellerId, :title, :price, :quantity, :version)
                        on conflict (id) do update
                           set seller_id = excluded.seller_id, title = excluded.title, price = excluded.price,
                               quantity = excluded.quantity, version = excluded.version
                         where listing_replica.version < excluded.version
                        """)
                        .param("id", UUID.fromString(updated.id()))
                        .param("sellerId", updated.userId())
                        .param("title", updated.title())
                        .param("price", updated.price())
                        .param("quantity", updated.quantity())
                        .param("version", updated.version())
                        .update()
                == 1;
    }

    public Optional<ListingReplica> find(UUID id) {
        return jdbc.sql("select id, seller_id, title, price from listing_replica where id = :id")
                .param("id", id)
                .query(ListingReplicas::map)
                .optional();
    }

    /**
     * Counts {@code quantity} more units as taken by our orders if, with them, our orders take no more than the
     * quantity, and answers the listing as it was reserved from; empty (nothing changed) when it is unknown, the
     * buyer's own or short of units, and {@link #find} tells which. The only place orders compares its counters with
     * the quantity: one conditional update, so that concurrent orders serialise on the row and never admit more than
     * it. It is an early refusal, not the stock rule: tickets still decides every order it is sent.
     */
    public Optional<ListingReplica> reserveFor(UUID id, int quantity, String buyerId) {
        return jdbc.sql("""
                        update listing_replica set reserved = reserved + :q
                         where id = :id and seller_id <> :buyerId and reserved + sold + :q <= quantity
                        returning id, seller_id, title, price
                        """)
                .param("id", id)
                .param("q", quantity)
                .param("buyerId", buyerId)
                .query(ListingReplicas::map)
                .optional();
    }

    /** Gives back units an order held, when the caller's transaction commits ({@link #atCommit}). */
    public void release(UUID id, int quantity) {
        atCommit().add(id, quantity, 0);
    }

    /** Moves units an order held to sold, when the caller's transaction commits ({@link #atCommit}). */
    public void sell(UUID id, int quantity) {
        atCommit().add(id, quantity, quantity);
    }

    /**
     * The units released and sold in the current transaction, applied just before it commits: one statement per
     * listing, listings in id order. A listing's replica row is what every create of that listing locks (its
     * {@link #reserveFor}); moved as it came, a batch of completions would hold it from its first completion to its
     * commit, and every create of that listing would wait behind the whole batch. At the end, every transaction
     * also takes it after its order rows, and the listings in the order a batch of listing updates takes them, which
     * keeps the lock order of decision 73 whole.
     */
    private CounterMoves atCommit() {
        var moves = (CounterMoves) TransactionSynchronizationManager.getResource(this);
        if (moves != null) {
            return moves;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Replica counters move only inside a transaction");
        }
        var created = new CounterMoves();
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                created.byListing.forEach((id, move) -> requireOneRow(
                        jdbc.sql("""
                                        update listing_replica set reserved = reserved - :released, sold = sold + :sold
                                         where id = :id
                                        """)
                                .param("id", id)
                                .param("released", move[0])
                                .param("sold", move[1])
                                .update(),
                        id));
            }

            /** A transaction started inside this one (REQUIRES_NEW) keeps its moves apart. */
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(ListingReplicas.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(ListingReplicas.this, created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(ListingReplicas.this);
            }
        });
        return created;
    }

    /**
     * Per listing, in the order of its id's text (the order in which the platform sorts a batch's lock keys, e.g.
     * {@link ListingUpdatedHandler#lockKey}): units no longer held, and of those the units sold.
     */
    private static final class CounterMoves {

        private final Map<UUID, int[]> byListing = new TreeMap<>(Comparator.comparing(UUID::toString));

        void add(UUID id, int released, int sold) {
            int[] move = byListing.computeIfAbsent(id, key -> new int[2]);
            move[0] += released;
            move[1] += sold;
        }
    }

    private static void requireOneRow(int rows, UUID id) {
        if (rows != 1) {
            throw new IllegalStateException("Listing replica " + id + " is missing while an order holds its units");
        }
    }

    private static ListingReplica map(ResultSet rs, int row) throws SQLException {
        return new ListingReplica(
                rs.getObject("id", UUID.class),
                rs.getString("seller_id"),
                rs.getString("title"),
                rs.getBigDecimal("price"));
    }
}
