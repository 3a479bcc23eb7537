package dev.ticketing.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.orders.domain.Transition.Ignored;
import dev.ticketing.orders.domain.Transition.Illegal;
import dev.ticketing.orders.domain.Transition.Transitioned;
import dev.ticketing.orders.domain.Transition.Unchanged;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private static Order created() {
        return Order.place(UUID.randomUUID(), "buyer", UUID.randomUUID(), "seller", 2, new BigDecimal("12.5"), NOW,
                Duration.ofMinutes(15), Duration.ofSeconds(30), "reserve=fail");
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
        assertThat(complete.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(complete.version()).isEqualTo(2);
        assertThat(complete.unitsHeld()).isFalse();
        assertThat(onlyEvent(transition)).isEqualTo(new OrderEvent.Completed(2, true));
        assertThat(complete.deliver(NOW)).isInstanceOf(Unchanged.class);
        assertThat(complete.cancelByBuyer(NOW)).isEqualTo(new Illegal(Order.CANNOT_CANCEL_PAID));
        assertThat(complete.rejectReservation(Outcome.UNKNOWN, NOW)).isInstanceOf(Illegal.class);
    }

    @Test
    void everyCancellationHasAnOutcomeReleasesTheUnitsOnceAndIsFinal() {
        Transition transition = created().cancelByBuyer(NOW);
        Order cancelled = after(transition);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(cancelled.unitsHeld()).isFalse();
        assertThat(onlyEvent(transition)).isEqualTo(new OrderEvent.Cancelled(1, Outcome.CANCELLED, true));

        assertThat(cancelled.cancelByBuyer(NOW)).isInstanceOf(Unchanged.class);
        assertThat(cancelled.pay("late", DELIVERY, NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.deliver(NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.expire(NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.failPayment(Outcome.TIMEOUT, NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.rejectReservation(Outcome.TIMEOUT, NOW)).isInstanceOf(Ignored.class);
        assertThat(cancelled.failDelivery(Outcome.UNKNOWN, NOW)).isInstanceOf(Ignored.class);
    }

    @Test
    void eachAnswerCancelsWithItsOutcome() {
        assertThat(after(created().rejectReservation(Outcome.INSUFFICIENT_INVENTORY, NOW)).outcome())
                .isEqualTo(Outcome.INSUFFICIENT_INVENTORY);
        assertThat(after(paid().rejectReservation(Outcome.UNKNOWN, NOW)).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(after(created().failPayment(Outcome.INSUFFICIENT_FUND, NOW)).outcome())
                .isEqualTo(Outcome.INSUFFICIENT_FUND);
        assertThat(after(created().expire(NOW)).outcome()).isEqualTo(Outcome.EXPIRED);
        Order failedDelivery = after(paid().failDelivery(Outcome.DELIVERY_FAILED, NOW));
        assertThat(failedDelivery.outcome()).isEqualTo(Outcome.DELIVERY_FAILED);
        assertThat(failedDelivery.version()).isEqualTo(2);
    }

    @Test
    void answersThatTheProtocolDoesNotAllowAreIllegalOrIgnored() {
        assertThat(paid().cancelByBuyer(NOW)).isEqualTo(new Illegal(Order.CANNOT_CANCEL_PAID));
        assertThat(paid().failPayment(Outcome.UNKNOWN, NOW)).isInstanceOf(Illegal.class);
        assertThat(paid().expire(NOW)).isInstanceOf(Ignored.class);
        assertThat(created().deliver(NOW)).isInstanceOf(Illegal.class);
        assertThat(created().failDelivery(Outcome.UNKNOWN, NOW)).isInstanceOf(Illegal.class);
    }

    @Test
    void deadlinesApplyOnlyOnceTheyHavePassed() {
        Order order = created();
        assertThat(order.timeOutReservation(NOW.plusSeconds(29))).isInstanceOf(Unchanged.class);
        assertThat(after(order.timeOutReservation(NOW.plusSeconds(30))).outcome()).isEqualTo(Outcome.TIMEOUT);

        Order paid = paid();
        assertThat(paid.timeOutReservation(NOW.plusSeconds(60))).isInstanceOf(Unchanged.class);
        assertThat(paid.timeOutDelivery(NOW.plusSeconds(29))).isInstanceOf(Unchanged.class);
        Transition timedOut = paid.timeOutDelivery(NOW.plusSeconds(30));
        assertThat(after(timedOut).outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(onlyEvent(timedOut)).isEqualTo(new OrderEvent.Cancelled(2, Outcome.TIMEOUT, true));
        assertThat(created().timeOutDelivery(NOW.plusSeconds(60))).isInstanceOf(Unchanged.class);
    }

    @Test
    void aFinalStateWithoutOutcomeCannotExist() {
        Order order = created();
        assertThatThrownBy(() -> new Order(order.id(), order.userId(), order.ticketId(), order.sellerId(), 1,
                BigDecimal.TEN, OrderStatus.CANCELLED, null, NOW, NOW, NOW, 1, false, NOW, null, false, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Order(order.id(), order.userId(), order.ticketId(), order.sellerId(), 1,
                BigDecimal.TEN, OrderStatus.CREATED, Outcome.SUCCESS, NOW, NOW, NOW, 1, false, NOW, null, true, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outcomesOfOtherServicesAreReadSafely() {
        assertThat(Outcome.ofReservationRejection("INSUFFICIENT_INVENTORY")).isEqualTo(Outcome.INSUFFICIENT_INVENTORY);
        assertThat(Outcome.ofReservationRejection("whatever")).isEqualTo(Outcome.UNKNOWN);
        assertThat(Outcome.ofPaymentFailure("insufficient_fund")).isEqualTo(Outcome.INSUFFICIENT_FUND);
        assertThat(Outcome.ofPaymentFailure(null)).isEqualTo(Outcome.UNKNOWN);
        assertThat(Outcome.ofDeliveryFailure("TIMEOUT")).isEqualTo(Outcome.TIMEOUT);
        assertThat(Outcome.ofDeliveryFailure("NO_RESERVATION")).isEqualTo(Outcome.DELIVERY_FAILED);
    }
}
