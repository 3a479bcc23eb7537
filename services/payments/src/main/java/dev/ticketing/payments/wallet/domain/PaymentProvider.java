package dev.ticketing.payments.wallet.domain;

import java.math.BigDecimal;

/**
 * Where money is taken from and given back to. The credits provider (wallets and ledger) is the default;
 * a card provider such as Stripe can be added behind the same interface. Both methods run inside the caller's
 * transaction, so a charge commits or rolls back with the payment row and its event. It lives with the wallet,
 * which implements it, because the payment feature already sits on the wallet (seller payouts): here it keeps the
 * two features free of a cycle.
 */
public interface PaymentProvider {

    ChargeResult charge(String userId, String orderId, BigDecimal amount);

    void refund(String userId, String orderId, BigDecimal amount);

    /** The answer of a charge: money taken, or a business rejection. */
    sealed interface ChargeResult {
        record Charged() implements ChargeResult {}

        record InsufficientFunds() implements ChargeResult {}
    }
}
