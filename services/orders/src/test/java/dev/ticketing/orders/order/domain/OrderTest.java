package dev.ticketing.orders.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contracts.DeliveryFailure;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.contracts.PaymentFailure;
import dev.ticketing.contracts.ReservationRejection;
import dev.ticketing.orders.order.domain.Transition.Ignored;
import dev.ticketing.orders.order.domain.Transition.Illegal;
import dev.ticketing.orders.order.domain.Transition.Transitioned;
import dev.ticketing.orders.order.domain.Transition.Unchanged;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private static Order created() {
        return Order.place(
                UUID.randomUUID(),
                "buyer",
                UUID.randomUUID(),
                "seller",
                2,
                new BigDecimal("12.5"),
                NOW,
                Duration.ofMinutes(15),
                Duration.ofSeconds(30));
    }

    private static Order after(Transition transition) {
        assertThat(transition).isInstanceOf(Transitioned.class);
        return ((Transitioned) transition).order();
    }

    private static OrderEvent onlyEvent(Transition transition) {
        assertThat(((Transitioned) transition).events()).hasSize(1);
        return ((Transitioned) transition).events().getFirst();
    }

    private static Order paid() {
        return after(created().pay("pay-1", DELIVERY, NOW));
    }

    @Test
    void aNewOrderHoldsItsUnitsAtVersion0() {
        Order order = created();
        assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(order.outcome()).isNull();
        assertThat(order.version()).isZero();
        assertThat(order.unitsHeld()).isTrue();
        assertThat(order.total()).isEqualByComparingTo("25.00");
        assertThat(order.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(order.reserveDeadline()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void confirmingTheReservationChangesNoVersionAndHappensOnce() {
        Transition first = created().confirmReservation(NOW);
        Order confirmed = after(first);
        assertThat(((Transitioned) first).events()).isEmpty();
        assertThat(confirmed.reserveConfirmed()).isTrue();
        assertThat(confirmed.version()).isZero();
        assertThat(confirmed.confirmReservation(NOW)).isInstanceOf(Unchanged.class);
        assertThat(confirmed.timeOutReservation(NOW.plusSeconds(60))).isInstanceOf(Unchanged.class);
    }

    @Test
    void payingStartsTheDeliveryDeadlineAndPublishesPaid() {
        Transition transition = created().pay("pay-1", DELIVERY, NOW);
        Order paid = after(transition);
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.version()).isEqualTo(1);
        assertThat(paid.deliveryDeadline()).isEqualTo(NOW.plus(DELIVERY));
        assertThat(onlyEvent(transition)).isEqualTo(new OrderEvent.Paid(1, "pay-1"));
        assertThat(paid.pay("pay-1", DELIVERY, NOW)).isInstanceOf(Unchanged.class);
        assertThat(paid.pay("pay-2", DELIVERY, NOW)).isInstanceOf(Illegal.class);
    }

    @Test
    void deliveryCompletesWithSuccessAndSellsTheUnitsOnce() {
        Transition transition = paid().deliver(NOW);
        Order complete = after(transition);
        assertThat(complete.status()).isEqualTo(OrderStatus.COMPLETE);
        assertThat(complete.outcome()).isEqualTo(OrderOutcome.SUCCESS);
        assertThat(complete.version()).isEqualTo(2);
        assertThat(complete.unitsHeld()).isFalse();
        assertThat(onlyEvent(transition)).isEqualTo(new OrderEvent.Completed(2, true));
        assertThat(complete.deliver(NOW)).isInstanceOf(Unchanged.class);
        assertThat(complete.cancelByBuyer(NOW)).isEqualTo(new Illegal(Order.CANNOT_CANCEL_PAID));
        assertThat(complete.rejectReservation(ReservationRejection.UNKNOWN, NOW))
                .isInstanceOf(Illegal.class);
    }

    @Test
    void everyCancellationHasAnOutcomeReleasesTheUnitsOnceAndIsFinal() {
        Transition transition = created().cancelByBuyer(NOW);
        Order cancelled = after(transition);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.outcome()).isEqualTo(OrderOutcome.CANCELLED);
        assertThat(cancelled.unitsHeld()).isFalse();
        assertThat(onlyEvent(transition)).isEqualTo(new OrderEvent.Cancelled(1, OrderOutcome.CANCELLED, true));

        assertThat(cancelled.cancelByBuyer(NOW)).isInstanceOf(Unchanged.class);
        assertThat(cancelled.pay("late", DELIVERY, NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.deliver(NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.expire(NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.failPayment(PaymentFailure.TIMEOUT, NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.rejectReservation(ReservationRejection.TIMEOUT, NOW))
                .isInstanceOf(Ignored.class);
        assertThat(cancelled.failDelivery(DeliveryFailure.UNKNOWN, NOW)).isInstanceOf(Ignored.class);
    }

    @Test
    void eachAnswerCancelsWithItsOutcome() {
        assertThat(after(created().rejectReservation(ReservationRejection.INSUFFICIENT_INVENTORY, NOW))
                        .outcome())
                .isEqualTo(OrderOutcome.INSUFFICIENT_INVENTORY);
        assertThat(after(paid().rejectReservation(ReservationRejection.UNKNOWN, NOW))
                        .outcome())
                .isEqualTo(OrderOutcome.UNKNOWN);
        assertThat(after(created().failPayment(PaymentFailure.INSUFFICIENT_FUND, NOW))
                        .outcome())
                .isEqualTo(OrderOutcome.INSUFFICIENT_FUND);
        assertThat(after(created().expire(NOW)).outcome()).isEqualTo(OrderOutcome.EXPIRED);
        Order failedDelivery = after(paid().failDelivery(DeliveryFailure.DELIVERY_FAILED, NOW));
        assertThat(failedDelivery.outcome()).isEqualTo(OrderOutcome.DELIVERY_FAILED);
        assertThat(failedDelivery.version()).isEqualTo(2);
    }

    @Test
    void answersThatTheProtocolDoesNotAllowAreIllegalOrIgnored() {
        assertThat(paid().cancelByBuyer(NOW)).isEqualTo(new Illegal(Order.CANNOT_CANCEL_PAID));
        assertThat(paid().failPayment(PaymentFailure.UNKNOWN, NOW)).isInstanceOf(Illegal.class);
        assertThat(paid().expire(NOW)).isInstanceOf(Ignored.class);
        assertThat(created().deliver(NOW)).isInstanceOf(Illegal.class);
        assertThat(created().failDelivery(DeliveryFailure.UNKNOWN, NOW)).isInstanceOf(Illegal.class);
    }

    @Test
    void deadlinesApplyOnlyOnceTheyHavePassed() {
        Order order = created();
        assertThat(order.timeOutReservation(NOW.plusSeconds(29))).isInstanceOf(Unchanged.class);
        assertThat(after(order.timeOutReservation(NOW.plusSeconds(30))).outcome())
                .isEqualTo(OrderOutcome.TIMEOUT);

        Order paid = paid();
        assertThat(paid.timeOutReservation(NOW.plusSeconds(60))).isInstanceOf(Unchanged.class);
        assertThat(paid.timeOutDelivery(NOW.plusSeconds(29))).isInstanceOf(Unchanged.class);
        Transition timedOut = paid.timeOutDelivery(NOW.plusSeconds(30));
        assertThat(after(timedOut).outcome()).isEqualTo(OrderOutcome.TIMEOUT);
        assertThat(onlyEvent(timedOut)).isEqualTo(new OrderEvent.Cancelled(2, OrderOutcome.TIMEOUT, true));
        assertThat(created().timeOutDelivery(NOW.plusSeconds(60))).isInstanceOf(Unchanged.class);
    }

    @Test
    void aFinalStateWithoutOutcomeCannotExist() {
        Order order = created();
        assertThatThrownBy(() -> new Order(
                        order.id(),
                        order.userId(),
                        order.listingId(),
                        order.sellerId(),
                        1,
                        BigDecimal.TEN,
                        OrderStatus.CANCELLED,
                        null,
                        NOW,
                        NOW,
                        NOW,
                        1,
                        false,
                        NOW,
                        null,
                        false,
                        null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Order(
                        order.id(),
                        order.userId(),
                        order.listingId(),
                        order.sellerId(),
                        1,
                        BigDecimal.TEN,
                        OrderStatus.CREATED,
                        OrderOutcome.SUCCESS,
                        NOW,
                        NOW,
                        NOW,
                        1,
                        false,
                        NOW,
                        null,
                        true,
                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The answer of another step cancels with the outcome of its name (docs/saga.md), whichever it is. */
    @Test
    void aFailedStepCancelsWithTheOutcomeOfItsReason() {
        for (ReservationRejection reason : ReservationRejection.values()) {
            assertThat(after(created().rejectReservation(reason, NOW)).outcome().name())
                    .isEqualTo(reason.name());
        }
        for (PaymentFailure reason : PaymentFailure.values()) {
            assertThat(after(created().failPayment(reason, NOW)).outcome().name())
                    .isEqualTo(reason.name());
        }
        for (DeliveryFailure reason : DeliveryFailure.values()) {
            assertThat(after(paid().failDelivery(reason, NOW)).outcome().name()).isEqualTo(reason.name());
        }
    }
}
