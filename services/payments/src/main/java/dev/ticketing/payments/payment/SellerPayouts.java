package dev.ticketing.payments.payment;

import dev.ticketing.payments.orders.domain.Order;
import dev.ticketing.payments.wallet.Wallets;
import dev.ticketing.payments.wallet.domain.LedgerKind;
import dev.ticketing.platform.observability.SagaSpans;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
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
        // the credit row takes the captured amount in the same statement; no row means credited before, or no payment
        Optional<BigDecimal> credited = jdbc.sql("""
                        insert into seller_credits (order_id, seller_id, amount, credited_at)
                        select order_id, :seller, amount, :now from payments
                         where order_id = :order and status = 'CAPTURED'
                        on conflict (order_id) do nothing
                        returning amount""")
                .param("order", order.id())
                .param("seller", order.sellerId())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .query(BigDecimal.class)
                .optional();
        // paying the seller without a captured payment would create money: a bug to park and look at, not skip
        if (credited.isEmpty() && payments.captured(order.id()).isEmpty()) {
            throw new IllegalStateException("order " + order.id() + " completed without a captured payment");
        }
        credited.ifPresent(amount -> wallets.credit(order.sellerId(), order.id(), LedgerKind.SALE, amount));
        spans.step("payout", order.id(), order.listingId(), credited.isPresent() ? "credited" : "already credited");
    }
}
