package dev.ticketing.payments.wallet.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Credits have two decimals, like {@code numeric(14,2)} in the ledger; amounts are normalised before storing. */
public final class Money {

    private Money() {}

    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }
}
