package dev.ticketing.payments.payment;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.FaultPlan;
import dev.ticketing.contracts.PaymentFailure;
import dev.ticketing.contracts.Stream;
import dev.ticketing.payments.orders.OrderReplica;
import dev.ticketing.payments.orders.domain.Order;
import dev.ticketing.payments.payment.domain.PaymentResult;
import dev.ticketing.payments.payment.domain.PaymentRules;
import dev.ticketing.payments.wallet.domain.PaymentProvider;
import dev.ticketing.payments.wallet.domain.PaymentProvider.ChargeResult;
import dev.ticketing.platform.idempotency.IdempotencyGuard;
import dev.ticketing.platform.messaging.EventCatchUp;
import dev.ticketing.platform.messaging.Outbox;
import dev.ticketing.platform.messaging.fault.FaultInjection;
import dev.ticketing.platform.observability.SagaSpans;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * POST /api/payments. One transaction per attempt: it locks the order's replica row (so concurrent payments of
 * one order and a racing ORDER.cancelled are serialised), checks the rules, debits the wallet with a guarded
 * update, stores the CAPTURED payment (unique per order) and appends PAYMENT.created — or appends PAYMENT.failed —
 * and keeps its result under the Idempotency-Key if one was given, so that the answer commits with the effect. Pure
 * rejections change nothing and are rolled back.
 *
 * <p>Injected faults (only with {@code ticketing.faults-enabled=true}; the order's {@code payment=<mode>}):
 * <ul>
 *   <li>{@code fail}: nothing is charged, PAYMENT.failed {outcome: UNKNOWN}, HTTP 502 {@code Payment failed};</li>
 *   <li>{@code timeout}: nothing is charged, PAYMENT.failed {outcome: TIMEOUT}, HTTP 504 {@code Payment timed out};</li>
 *   <li>{@code crash}: the worst moment for a payment — the debit, the payment, PAYMENT.created (still in the
 *       outbox) and the idempotency answer have committed, and the process halts before the HTTP response is
 *       sent. The fault-injection seam records the crash in that same transaction, so after the restart the
 *       fault does not fire again: the relay publishes PAYMENT.created, a retry with the same Idempotency-Key
 *       replays the 201, and a retry without one gets 400 {@code Order has already been paid}. Nothing is
 *       charged twice.</li>
 * </ul>
 */
@Service
class PaymentService {

    /** A payment, created once and never changed again until a refund. */
    static final long CREATED_VERSION = 0;

    record Request(String userId, String orderId, String token) {}

    /** What a payment request gave. */
    sealed interface Outcome {
        record Attempted(PaymentResult result) implements Outcome {}

        /** An earlier request with the same Idempotency-Key decided the answer; nothing was done. */
        record AnsweredBefore() implements Outcome {}
    }

    private final OrderReplica orders;
    private final PaymentStore payments;
    private final PaymentProvider provider;
    private final FaultInjection faults;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final EventCatchUp catchUp;
    private final SagaSpans spans;

    PaymentService(
            OrderReplica orders,
            PaymentStore payments,
            PaymentProvider provider,
            FaultInjection faults,
            Outbox outbox,
            TransactionTemplate tx,
            Clock clock,
            EventCatchUp catchUp,
            SagaSpans spans) {
        this.spans = spans;
        this.orders = orders;
        this.payments = payments;
        this.provider = provider;
        this.faults = faults;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
        this.catchUp = catchUp;
    }

    /**
     * First, outside the transaction, the replica of this order catches up with what orders has published about
     * it (bounded, docs/decisions/0014): an order created, cancelled or paid a moment ago is seen as such. Its
     * {@code ORDER.created} is keyed by the listing, so it is awaited as the order's first event; the later ones
     * are keyed by the order.
     *
     * <p>The charge runs in a span that continues the order's trace (decision 60), which the row lock of the
     * transaction reads with the order, so the wait before it costs no statement when the replica is known to have the
     * order (see {@link EventCatchUp#awaitFirst}). The request came with a trace of
     * its own (the buyer's {@code POST /api/payments}), but what the payment causes (PAYMENT.created, the order
     * paid, the delivery, the completion, the seller's payout) belongs to the purchase that the order's trace tells.
     * The two traces name each other in tags.
     */
    Outcome pay(Request request, IdempotencyGuard<PaymentResult> idempotency) {
        catchUp.awaitFirst(Events.ORDER_CREATED, request.orderId(), () -> orders.replicated(request.orderId()));
        catchUp.awaitAggregate(Stream.ORDERS, request.orderId());
        spans.step("payment request", request.orderId(), null, null); // the request's own trace, found by the order
        return tx.execute(status -> attempt(request, idempotency, status));
    }

    private Outcome attempt(Request request, IdempotencyGuard<PaymentResult> idempotency, TransactionStatus status) {
        Instant now = clock.instant();
        // first: a concurrent request with the same key waits here until this transaction ends
        if (idempotency.answeredBefore()) {
            return new Outcome.AnsweredBefore();
        }
        // the row that serialises this payment with a cancellation also gives the trace it continues
        Optional<OrderReplica.Locked> locked = orders.lockWithTrace(request.orderId());
        String orderTrace = locked.map(OrderReplica.Locked::traceparent).orElse(null);
        PaymentResult charged = spans.continueTrace(
                orderTrace, "payment", () -> chargeIfFound(request, locked.map(OrderReplica.Locked::order), now));
        if (!charged.committed()) {
            status.setRollbackOnly(); // nothing happened and nothing is kept: a retry is evaluated afresh
        } else {
            idempotency.keep(charged);
        }
        return new Outcome.Attempted(charged);
    }

    /** The charge of a locked order, or OrderNotFound when the replica has none; told as the payment step. */
    private PaymentResult chargeIfFound(Request request, Optional<Order> order, Instant now) {
        PaymentResult result =
                order.map(found -> charge(request.userId(), found, now)).orElseGet(PaymentResult.OrderNotFound::new);
        spans.step("payment", request.orderId(), null, result.getClass().getSimpleName());
        return result;
    }

    private PaymentResult charge(String userId, Order order, Instant now) {
        String orderId = order.id();
        Optional<PaymentResult> rejection =
                PaymentRules.reject(order, userId, payments.captured(orderId).isPresent(), now);
        if (rejection.isPresent()) {
            return rejection.get();
        }
        Optional<FaultPlan.Mode> fault = faults.plan(orderId).modeFor(FaultPlan.Step.PAYMENT);
        if (fault.equals(Optional.of(FaultPlan.Mode.FAIL))) {
            return failed(orderId, PaymentFailure.UNKNOWN, new PaymentResult.ProviderFailed());
        }
        if (fault.equals(Optional.of(FaultPlan.Mode.TIMEOUT))) {
            return failed(orderId, PaymentFailure.TIMEOUT, new PaymentResult.ProviderTimedOut());
        }
        if (provider.charge(userId, orderId, order.total()) instanceof ChargeResult.InsufficientFunds) {
            return failed(orderId, PaymentFailure.INSUFFICIENT_FUND, new PaymentResult.InsufficientFunds());
        }
        PaymentStore.Captured payment = new PaymentStore.Captured(UUID.randomUUID(), orderId, userId, order.total());
        payments.insertCaptured(payment, now);
        outbox.append(
                Events.PAYMENT_CREATED,
                payment.id().toString(),
                CREATED_VERSION,
                new Events.PaymentCreated(payment.id().toString(), orderId, payment.amount()));
        if (fault.equals(Optional.of(FaultPlan.Mode.CRASH))) {
            faults.crashOnceAfterCommit(orderId, FaultPlan.Step.PAYMENT);
        }
        return new PaymentResult.Paid(payment.id(), orderId, payment.amount());
    }

    private PaymentResult failed(String orderId, PaymentFailure outcome, PaymentResult result) {
        outbox.append(Events.PAYMENT_FAILED, orderId, CREATED_VERSION, new Events.PaymentFailed(orderId, outcome));
        return result;
    }
}
