package dev.ticketing.payments.wallet;

import dev.ticketing.payments.PaymentsProperties;
import dev.ticketing.payments.wallet.domain.LedgerKind;
import dev.ticketing.payments.wallet.domain.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every balance change of the service. A wallet opens with the initial credits on USER.created or on its first
 * use, whichever comes first (events may arrive late), and the grant is written exactly once either way.
 * Methods join the caller's transaction: a balance change commits with the payment, refund or payout it belongs to.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Wallets {

    private final WalletStore store;
    private final BigDecimal initialCredits;
    private final Clock clock;

    Wallets(WalletStore store, PaymentsProperties properties, Clock clock) {
        this.store = store;
        this.initialCredits = Money.of(properties.initialCredits());
        this.clock = clock;
    }

    /** Opens the wallet with the initial credits unless it is open already. */
    public void openIfAbsent(String userId) {
        store.open(userId, initialCredits, clock.instant());
    }

    /** Takes {@code amount} from the wallet; false (and nothing written) when the balance cannot cover it. */
    public boolean debit(String userId, String orderId, BigDecimal amount) {
        return moveOpening(userId, orderId, LedgerKind.DEBIT, Money.of(amount).negate());
    }

    /** Adds {@code amount} (a REFUND or a SALE). */
    public void credit(String userId, String orderId, LedgerKind kind, BigDecimal amount) {
        if (kind == LedgerKind.DEBIT || amount.signum() < 0) {
            throw new IllegalArgumentException("not a credit: " + kind + " " + amount);
        }
        if (!moveOpening(userId, orderId, kind, Money.of(amount))) {
            throw new IllegalStateException("a credit was refused for wallet " + userId);
        }
    }

    /**
     * Moves the balance of an open wallet, the usual case, in one statement. Only a refused move opens the wallet
     * (a no-op when it was open, so the refusal was the balance's) and tries once more.
     */
    private boolean moveOpening(String userId, String orderId, LedgerKind kind, BigDecimal signed) {
        Instant now = clock.instant();
        if (store.move(userId, orderId, kind, signed, now)) {
            return true;
        }
        store.open(userId, initialCredits, now);
        return store.move(userId, orderId, kind, signed, now);
    }
}
