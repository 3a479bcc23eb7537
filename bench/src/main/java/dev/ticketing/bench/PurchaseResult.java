package dev.ticketing.bench;

/**
 * What happened to one purchase attempt. Times are {@link System#nanoTime} values; a step not reached is 0.
 *
 * @param start     when the purchase was due: in the open loop the scheduled arrival, so that a client falling
 *                  behind shows as latency instead of hiding it (no coordinated omission)
 * @param created   when {@code POST /api/orders} answered
 * @param payStart  when {@code POST /api/payments} was sent
 * @param paid      when it answered (the last answer, after retries of a 404 while payments catches up)
 * @param payStatus the HTTP status of that answer (201 accepted), 0 if never sent
 * @param finalAt   when the order's final state reached the bench
 * @param outcome   the order's outcome (SUCCESS, INSUFFICIENT_FUND, TIMEOUT, ...), or null if it never got one
 * @param failure   why the purchase did not complete (e.g. {@code create 400 Ticket is already reserved}), or null
 * @param payRetries {@code POST /api/payments} repeated after 404 (order not yet known to payments)
 */
record PurchaseResult(
        long start,
        long created,
        long payStart,
        long paid,
        int payStatus,
        long finalAt,
        String outcome,
        String failure,
        int payRetries) {

    boolean completed() {
        return "SUCCESS".equals(outcome);
    }

    boolean orderCreated() {
        return payStart != 0;
    }

    boolean payAccepted() {
        return payStatus == 201;
    }

    double createMillis() {
        return (created - start) / 1e6;
    }

    double payMillis() {
        return (paid - payStart) / 1e6;
    }

    /** The event can overtake the payment's HTTP answer; that counts as 0. */
    double payToCompleteMillis() {
        return Math.max(0, finalAt - paid) / 1e6;
    }
}
