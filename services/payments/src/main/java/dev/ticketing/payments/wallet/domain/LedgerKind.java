package dev.ticketing.payments.wallet.domain;

/** Why a ledger row moved a balance; GRANT, REFUND and SALE add credits, DEBIT removes them. */
public enum LedgerKind {
    GRANT,
    DEBIT,
    REFUND,
    SALE
}
