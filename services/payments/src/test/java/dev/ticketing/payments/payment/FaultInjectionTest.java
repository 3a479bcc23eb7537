package dev.ticketing.payments.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.ProcessHalt;
import dev.ticketing.payments.Fixture;
import dev.ticketing.payments.Fixture.User;
import dev.ticketing.payments.PaymentsServiceTest;
import dev.ticketing.platform.test.Http;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * {@code payment=fail|timeout|crash} with fault injection enabled. The real crash (halt, restart by the launcher)
 * belongs to the system tests; here the halt is recorded instead, to check what has committed when it would
 * happen and that it happens once per order.
 */
@TestPropertySource(properties = "ticketing.faults-enabled=true")
class FaultInjectionTest extends PaymentsServiceTest {

    static final AtomicInteger HALTS = new AtomicInteger();

    @TestBean
    ProcessHalt processHalt;

    static ProcessHalt processHalt() {
        return status -> HALTS.incrementAndGet();
    }

    private String order(User buyer, String fault) {
        return fixture.order(
                buyer, UUID.randomUUID().toString(), "25", 1, Instant.now().plusSeconds(900), fault);
    }

    @Test
    void failChargesNothingAndAnswers502() {
        User buyer = Fixture.newUser();
        String orderId = order(buyer, "reserve=timeout, payment=fail");

        Http.Response response = pay(buyer, orderId);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.raw()).isEqualTo("{\"errors\":[{\"message\":\"Payment failed\"}]}");
        assertThat(fixture.paymentStatus(orderId)).isEmpty();
        assertThat(fixture.ledgerKinds(buyer.id())).doesNotContain("DEBIT");
        assertThat(fixture.outboxPayloads("PAYMENT.failed", orderId))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("\"outcome\":\"UNKNOWN\""));
    }

    @Test
    void timeoutChargesNothingAndAnswers504() {
        User buyer = Fixture.newUser();
        String orderId = order(buyer, "payment=timeout");

        Http.Response response = pay(buyer, orderId);

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.raw()).isEqualTo("{\"errors\":[{\"message\":\"Payment timed out\"}]}");
        assertThat(fixture.paymentStatus(orderId)).isEmpty();
        assertThat(fixture.outboxPayloads("PAYMENT.failed", orderId))
                .singleElement()
                .satisfies(p -> assertThat(p).contains("\"outcome\":\"TIMEOUT\""));
    }

    @Test
    void faultsOfOtherStepsAndGarbageAreIgnored() {
        User buyer = Fixture.newUser();
        assertThat(pay(buyer, order(buyer, "delivery=crash, payment=explode, nonsense"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void crashHaltsOnceAfterTheDebitCommittedAndRetriesDoNotChargeTwice() {
        User buyer = Fixture.newUser();
        String orderId = order(buyer, "payment=crash");
        String key = UUID.randomUUID().toString();
        int haltsBefore = HALTS.get();

        // in production the process is gone here and the client sees no answer
        Http.Response first = pay(buyer, orderId, key);

        assertThat(HALTS.get()).isEqualTo(haltsBefore + 1);
        assertThat(first.status()).isEqualTo(201);
        // everything the restarted process needs was committed before the halt
        assertThat(fixture.paymentStatus(orderId)).isEqualTo("CAPTURED");
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("475");
        assertThat(fixture.outboxPayloadsMentioning("PAYMENT.created", orderId)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from messaging_fault_crashes where order_id = :o")
                        .param("o", orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the client retries: same key → the 201 again; no key → already paid; the fault does not fire again
        Http.Response sameKey = pay(buyer, orderId, key);
        assertThat(sameKey.status()).isEqualTo(201);
        assertThat(sameKey.raw()).isEqualTo(first.raw());
        Http.Response noKey = pay(buyer, orderId);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.raw()).isEqualTo("{\"errors\":[{\"message\":\"Order has already been paid\"}]}");
        assertThat(HALTS.get()).isEqualTo(haltsBefore + 1);
        assertThat(fixture.balance(buyer.id())).isEqualByComparingTo("475");
        assertThat(fixture.ledgerKinds(buyer.id())).containsExactly("GRANT", "DEBIT");
    }

    @Test
    void aCrashThatDidNotChargeDoesNotCountAsDone() {
        User buyer = Fixture.newUser();
        String orderId = fixture.order(
                buyer, UUID.randomUUID().toString(), "600", 1, Instant.now().plusSeconds(900), "payment=crash");
        int haltsBefore = HALTS.get();

        assertThat(pay(buyer, orderId).status()).isEqualTo(400); // insufficient funds: no debit, no crash

        assertThat(HALTS.get()).isEqualTo(haltsBefore);
        assertThat(jdbc.sql("select count(*) from messaging_fault_crashes where order_id = :o")
                        .param("o", orderId)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
