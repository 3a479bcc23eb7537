package dev.ticketing.payments.payment;

import dev.ticketing.contracts.Events;
import dev.ticketing.payments.wallet.domain.PaymentProvider;
import dev.ticketing.platform.messaging.Outbox;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Gives a cancelled order's captured money back to the buyer, exactly once, with PAYMENT.refunded. */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class Refunds {

    /** The aggregate version of PAYMENT.refunded: the payment's second and last change. */
    static final long REFUNDED_VERSION = 1;

    private final PaymentStore payments;
    private final PaymentProvider provider;
    private final Outbox outbox;
    private final Clock clock;

    Refunds(PaymentStore payments, PaymentProvider provider, Outbox outbox, Clock clock) {
        this.payments = payments;
        this.provider = provider;
        this.outbox = outbox;
        this.clock = clock;
    }

    void refundIfCaptured(String orderId) {
        payments.markRefunded(orderId, clock.instant()).ifPresent(payment -> {
            provider.refund(payment.userId(), orderId, payment.amount());
            outbox.append(
                    Events.PAYMENT_REFUNDED,
                    payment.id().toString(),
                    REFUNDED_VERSION,
                    new Events.PaymentRefunded(payment.id().toString(), orderId, payment.amount()));
        });
    }
}
