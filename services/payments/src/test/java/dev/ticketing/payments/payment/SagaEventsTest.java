package dev.ticketing.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.contracts.OrderStatus;
import dev.ticketing.payments.Fixture;
import dev.ticketing.payments.Fixture.User;
import dev.ticketing.payments.PaymentsServiceTest;
import io.nats.client.Connection;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ORDER.* side of the saga: replica versions, refunds, seller payouts, and money conservation. */
class SagaEventsTest extends PaymentsServiceTest {

    @Autowired
    Connection nats;

    @Test
    void aCancelledOrderIsRefundedExactlyOnce() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "80");
        assertThat(pay(buyer, orderId).status()).isEqualTo(201);
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("420");

        UUID first = fixture.cancelled(orderId, 1, OrderOutcome.EXPIRED);
        UUID second = fixture.cancelled(orderId, 1, OrderOutcome.EXPIRED); // the same cancellation delivered again
        fixture.awaitHandled(Events.ORDER_CANCELLED, first);
        fixture.awaitHandled(Events.ORDER_CANCELLED, second);

        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("500");
        assertThat(fixture.ledgerKinds(buyer.id())).containsExactly("GRANT", "DEBIT", "REFUND");
        assertThat(fixture.paymentStatus(orderId)).isEqualTo("REFUNDED");
        assertThat(fixture.replicaStatus(orderId)).isEqualTo("cancelled");
        assertThat(fixture.outboxPayloadsMentioning("PAYMENT.refunded", orderId))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("\"amount\":80.00"));
    }

    @Test
    void aCancelledUnpaidOrderRefundsNothing() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(buyer, "80");
        fixture.awaitHandled(Events.ORDER_CANCELLED, fixture.cancelled(orderId, 1, OrderOutcome.CANCELLED));

        assertThat(fixture.replicaStatus(orderId)).isEqualTo("cancelled");
        assertThat(fixture.outboxPayloadsMentioning("PAYMENT.refunded", orderId))
                .isEmpty();
        assertThat(fixture.balance(buyer.id())).isNull(); // no wallet was ever needed
    }

    @Test
    void theSellerIsCreditedExactlyOnce() {
        User buyer = Fixture.newUser();
        User seller = Fixture.newUser();
        String orderId =
                fixture.order(buyer, seller.id(), "60", 2, Instant.now().plusSeconds(900), null);
        assertThat(pay(buyer, orderId).status()).isEqualTo(201);

        UUID first = fixture.completed(orderId, 2);
        UUID second = fixture.completed(orderId, 2);
        fixture.awaitHandled(Events.ORDER_COMPLETED, first);
        fixture.awaitHandled(Events.ORDER_COMPLETED, second);

        assertThat(fixture.balance(seller.id())).isEqualByComparingTo("620");
        assertThat(fixture.ledgerKinds(seller.id())).containsExactly("GRANT", "SALE");
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("380");
        assertThat(fixture.replicaStatus(orderId)).isEqualTo("complete");
        assertThat(fixture.paymentStatus(orderId)).isEqualTo("CAPTURED");
    }

    @Test
    void theEndOfAnOrderAppliesOverTheVersionsPaymentsDoesNotFollow() {
        User buyer = Fixture.newUser();
        User seller = Fixture.newUser();
        String orderId = fixture.order(buyer, seller.id(), "5", 1, Instant.now().plusSeconds(900), null);
        assertThat(pay(buyer, orderId).status()).isEqualTo(201);

        // version 1 (ORDER.paid) never reaches payments: version 2 applies on top of version 0
        fixture.awaitHandled(Events.ORDER_COMPLETED, fixture.completed(orderId, 2));
        assertThat(fixture.replicaVersion(orderId)).isEqualTo(2L);
        assertThat(fixture.replicaStatus(orderId)).isEqualTo("complete");
        assertThat(fixture.ledgerKinds(seller.id())).containsExactly("GRANT", "SALE");

        // an older update, and the same version again under another event id, are acknowledged and skipped
        fixture.awaitHandled(Events.ORDER_CANCELLED, fixture.cancelled(orderId, 1, OrderOutcome.UNKNOWN));
        fixture.awaitHandled(Events.ORDER_CANCELLED, fixture.cancelled(orderId, 2, OrderOutcome.UNKNOWN));
        assertThat(fixture.replicaStatus(orderId)).isEqualTo("complete");
        assertThat(fixture.replicaVersion(orderId)).isEqualTo(2L);
        assertThat(fixture.paymentStatus(orderId))
                .as("a skipped cancellation refunds nothing")
                .isEqualTo("CAPTURED");
        assertThat(fixture.ledgerKinds(seller.id())).containsExactly("GRANT", "SALE");
    }

    @Test
    void paymentsHasNoConsumerOfOrderPaid() throws Exception {
        assertThat(nats.jetStreamManagement().getConsumerNames("ORDERS"))
                .contains("payments-ORDER_created", "payments-ORDER_completed", "payments-ORDER_cancelled")
                .doesNotContain("payments-ORDER_paid");
    }

    @Test
    void anUpdateForAnOrderNotYetReplicatedWaitsForIt() {
        User buyer = Fixture.newUser();
        String orderId = UUID.randomUUID().toString();
        UUID cancel = fixture.cancelled(orderId, 1, OrderOutcome.CANCELLED);
        fixture.publish(
                Events.ORDER_CREATED,
                orderId,
                0,
                new Events.OrderCreated(
                        orderId,
                        0,
                        buyer.id(),
                        OrderStatus.CREATED,
                        Instant.now().plusSeconds(900),
                        1,
                        BigDecimal.TEN,
                        new Events.OrderTicket("t", BigDecimal.TEN, "s")));

        fixture.awaitHandled(Events.ORDER_CANCELLED, cancel);
        assertThat(fixture.replicaStatus(orderId)).isEqualTo("cancelled");
        assertThat(fixture.replicaVersion(orderId)).isEqualTo(1L);
    }

    @Test
    void moneyIsConservedThroughAMixedRun() throws Exception {
        List<User> buyers = List.of(Fixture.newUser(), Fixture.newUser(), Fixture.newUser());
        User seller = Fixture.newUser();
        fixture.userCreated(buyers.get(0).id());
        List<String> orders = new ArrayList<>();
        for (User buyer : buyers) {
            for (int i = 0; i < 4; i++) {
                orders.add(fixture.order(
                        buyer, seller.id(), "130", 1, Instant.now().plusSeconds(900), null));
            }
        }
        // everyone pays for everything at once: 3 of 4 orders fit in 500 credits
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            User buyer = buyers.get(i / 4);
            String orderId = orders.get(i);
            results.add(pool.submit(() -> pay(buyer, orderId).status()));
        }
        List<String> captured = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            if (results.get(i).get() == 201) {
                captured.add(orders.get(i));
            }
        }
        pool.shutdown();
        assertThat(captured).hasSize(9);
        assertConserved();

        // the saga goes on: some complete, some are cancelled after payment, one is completed but not yet paid out
        List<UUID> handled = new ArrayList<>();
        for (int i = 0; i < captured.size(); i++) {
            String orderId = captured.get(i);
            switch (i % 3) {
                case 0 -> handled.add(fixture.completed(orderId, 2));
                case 1 -> handled.add(fixture.cancelled(orderId, 1, OrderOutcome.EXPIRED));
                default -> {
                    // left captured: money held for an unfinished order
                }
            }
            assertConserved();
        }
        for (int i = 0; i < handled.size(); i++) {
            fixture.awaitHandled(i % 2 == 0 ? Events.ORDER_COMPLETED : Events.ORDER_CANCELLED, handled.get(i));
        }
        assertConserved();
        assertThat(fixture.balance(seller.id())).isEqualByComparingTo(new BigDecimal("500").add(new BigDecimal("390")));
        for (User buyer : buyers) {
            assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("240"); // 500 - 3*130 + 130 refunded
        }
    }

    private void assertConserved() {
        Map<String, Object> check = fixture.conservation();
        assertThat((BigDecimal) check.get("held_and_balances"))
                .as(check.toString())
                .isEqualByComparingTo((BigDecimal) check.get("granted"));
        assertThat(((Number) check.get("wallets_off_ledger")).longValue()).isZero();
    }
}
