package dev.ticketing.payments.wallet;

import dev.ticketing.payments.wallet.WalletController.EarningsView;
import dev.ticketing.payments.wallet.WalletController.EntryView;
import dev.ticketing.payments.wallet.WalletController.SaleView;
import dev.ticketing.payments.wallet.WalletController.WalletView;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads for the wallet and earnings routes. */
@Service
class WalletQueries {

    /** The newest ledger rows shown; the balance always covers the whole ledger. */
    static final int MAX_ENTRIES = 200;

    private final Wallets wallets;
    private final WalletStore store;
    private final JdbcClient jdbc;

    WalletQueries(Wallets wallets, WalletStore store, JdbcClient jdbc) {
        this.wallets = wallets;
        this.store = store;
        this.jdbc = jdbc;
    }

    /** The wallet, opened on the spot if USER.created has not arrived yet (the grant is still written once). */
    @Transactional
    WalletView wallet(String userId) {
        wallets.openIfAbsent(userId);
        BigDecimal balance = store.balance(userId).orElseThrow();
        List<EntryView> entries = store.entries(userId, MAX_ENTRIES).stream()
                .map(e -> new EntryView(e.at(), e.amount(), e.kind().name(), e.orderId()))
                .toList();
        return new WalletView(balance, WalletController.CURRENCY, entries);
    }

    @Transactional(readOnly = true)
    EarningsView earnings(String sellerId) {
        List<SaleView> sales = jdbc.sql("""
                        select c.order_id, o.ticket_id, o.quantity, c.amount, c.credited_at
                        from seller_credits c join orders o on o.id = c.order_id
                        where c.seller_id = :seller order by c.credited_at desc, c.order_id""")
                .param("seller", sellerId)
                .query((rs, n) -> new SaleView(
                        rs.getString("order_id"),
                        rs.getString("ticket_id"),
                        rs.getInt("quantity"),
                        rs.getBigDecimal("amount"),
                        rs.getObject("credited_at", OffsetDateTime.class).toInstant()))
                .list();
        BigDecimal total = sales.stream().map(SaleView::amount).reduce(new BigDecimal("0.00"), BigDecimal::add);
        return new EarningsView(total, sales);
    }
}
