package dev.ticketing.payments.payment;

import dev.ticketing.payments.orders.domain.Order;
import dev.ticketing.payments.wallet.Wallets;
import dev.ticketing.payments.wallet.domain.LedgerKind;
import dev.ticketing.platform.observability.SagaSpans;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Credits the seller the captured amount of a completed order. The seller_credits row (primary key order_id) is
 * the "exactly once": whoever inserts it pays, any later attempt inserts nothing and pays nothing.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class SellerPayouts {

    private final PaymentStore payments;
    private final Wallets wallets;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SagaSpans spans;

    SellerPayouts(PaymentStore payments, Wallets wallets, JdbcClient jdbc, Clock clock, SagaSpans spans) {
        this.spans = spans;
        this.payments = payments;
        this.wallets = wallets;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void creditSeller(Order order) {
        // paying the seller without a captured payment would create money: a bug to park and look at, not skip
        PaymentStore.Captured payment = payments.captured(order.id())
                .orElseThrow(() ->
                        new IllegalStateException("order " + order.id() + " completed without a captured payment"));
        int inserted = jdbc.sql("""
                        insert into seller_credits (order_id, seller_id, amount, credited_at)
                        values (:order, :seller, :amount, :now) on conflict (order_id) do nothing""")
                .param("order", order.id())
                .param("seller", order.sellerId())
                .param("amount", payment.amount())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        if (inserted == 1) {
            wallets.credit(order.sellerId(), order.id(), LedgerKind.SALE, payment.amount());
        }
        spans.step("payout", order.id(), order.listingId(), inserted == 1 ? "credited" : "already credited");
    }
}
