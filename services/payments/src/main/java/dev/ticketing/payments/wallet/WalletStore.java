package dev.ticketing.payments.wallet;

import dev.ticketing.payments.wallet.domain.LedgerKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The wallets and ledger tables. Balances only move together with a ledger row, in the caller's transaction; every
 * ledger row is one wallet operation, counted by kind once it has committed ({@code ticketing.wallet.operations},
 * {@code ticketing.wallet.credits}).
 */
@Repository
class WalletStore {

    record Entry(Instant at, BigDecimal amount, LedgerKind kind, String orderId) {}

    static final String OPERATIONS_METRIC = "ticketing.wallet.operations";
    static final String CREDITS_METRIC = "ticketing.wallet.credits";

    private final JdbcClient jdbc;
    private final Map<LedgerKind, Counter> operations = new EnumMap<>(LedgerKind.class);
    private final Map<LedgerKind, Counter> credits = new EnumMap<>(LedgerKind.class);

    WalletStore(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        for (LedgerKind kind : LedgerKind.values()) {
            operations.put(
                    kind,
                    Counter.builder(OPERATIONS_METRIC)
                            .tag("kind", kind.name())
                            .description("Wallet operations (ledger rows) by kind")
                            .register(meters));
            credits.put(
                    kind,
                    Counter.builder(CREDITS_METRIC)
                            .tag("kind", kind.name())
                            .description("Credits moved by wallet operations, by kind (absolute amounts)")
                            .register(meters));
        }
    }

    /**
     * Opens the wallet with its grant unless it exists; true when this call opened it. "on conflict do nothing"
     * waits for a concurrent opener and then skips, so the grant is written exactly once.
     */
    boolean open(String userId, BigDecimal credits, Instant now) {
        int inserted = jdbc.sql("""
                        insert into wallets (user_id, balance, version, created_at) values (:user, :credits, 0, :now)
                        on conflict (user_id) do nothing""")
                .param("user", userId)
                .param("credits", credits)
                .param("now", utc(now))
                .update();
        if (inserted == 1) {
            appendLedger(userId, null, LedgerKind.GRANT, credits, now);
        }
        return inserted == 1;
    }

    /**
     * Moves the balance by {@code amount} (signed) unless that would make it negative, and writes its ledger entry;
     * false when refused or when the wallet is not open. The guard is in the update itself, so concurrent debits can
     * never overdraw (no read-modify-write); the entry is inserted by the same statement, only if the update was.
     */
    boolean move(String userId, String orderId, LedgerKind kind, BigDecimal amount, Instant now) {
        int moved = jdbc.sql("""
                        with moved as (
                            update wallets set balance = balance + :amount, version = version + 1
                            where user_id = :user and balance + :amount >= 0
                            returning user_id)
                        insert into ledger (id, user_id, order_id, kind, amount, at)
                        select :id, user_id, :order, :kind, :amount, :at from moved""")
                .param("amount", amount)
                .param("user", userId)
                .param("id", UUID.randomUUID())
                .param("order", orderId)
                .param("kind", kind.name())
                .param("at", utc(now))
                .update();
        if (moved == 1) {
            countAfterCommit(kind, amount);
        }
        return moved == 1;
    }

    Optional<BigDecimal> balance(String userId) {
        return jdbc.sql("select balance from wallets where user_id = :user")
                .param("user", userId)
                .query(BigDecimal.class)
                .optional();
    }

    List<Entry> entries(String userId, int limit) {
        return jdbc.sql("""
                        select at, amount, kind, order_id from ledger where user_id = :user
                        order by at desc, seq desc limit :limit""")
                .param("user", userId)
                .param("limit", limit)
                .query((rs, n) -> new Entry(
                        rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getBigDecimal("amount"),
                        LedgerKind.valueOf(rs.getString("kind")),
                        rs.getString("order_id")))
                .list();
    }

    private void appendLedger(String userId, String orderId, LedgerKind kind, BigDecimal amount, Instant now) {
        jdbc.sql("""
                        insert into ledger (id, user_id, order_id, kind, amount, at)
                        values (:id, :user, :order, :kind, :amount, :at)""")
                .param("id", UUID.randomUUID())
                .param("user", userId)
                .param("order", orderId)
                .param("kind", kind.name())
                .param("amount", amount)
                .param("at", utc(now))
                .update();
        countAfterCommit(kind, amount);
    }

    private void countAfterCommit(LedgerKind kind, BigDecimal amount) {
        Runnable count = () -> {
            operations.get(kind).increment();
            credits.get(kind).increment(amount.abs().doubleValue());
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
