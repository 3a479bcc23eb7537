package dev.ticketing.payments.payment;

/** A complete HTTP answer of POST /api/payments: what is sent, and what an Idempotency-Key replay sends again. */
record HttpAnswer(int status, String body) {
}
