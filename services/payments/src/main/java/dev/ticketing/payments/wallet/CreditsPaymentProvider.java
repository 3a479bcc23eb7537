package dev.ticketing.payments.wallet;

import dev.ticketing.payments.wallet.domain.LedgerKind;
import dev.ticketing.payments.wallet.domain.PaymentProvider;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/** The default provider: pays with wallet credits. */
@Component
class CreditsPaymentProvider implements PaymentProvider {

    private final Wallets wallets;

    CreditsPaymentProvider(Wallets wallets) {
        this.wallets = wallets;
    }

    @Override
    public ChargeResult charge(String userId, String orderId, BigDecimal amount) {
        return wallets.debit(userId, orderId, amount)
                ? new ChargeResult.Charged()
                : new ChargeResult.InsufficientFunds();
    }

    @Override
    public void refund(String userId, String orderId, BigDecimal amount) {
        wallets.credit(userId, orderId, LedgerKind.REFUND, amount);
    }
}
