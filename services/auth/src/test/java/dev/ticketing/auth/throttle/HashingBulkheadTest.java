package dev.ticketing.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashingBulkheadTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseThePermit() {
        release.countDown();
    }

    @Test
    void workRunsWhenAPermitIsFree() {
        assertThat(new HashingBulkhead(1, 0, Duration.ZERO).call(() -> "hashed"))
                .contains("hashed");
    }

    @Test
    void withEveryPermitTakenAndNoQueueTheWorkIsRefusedWithoutRunning() throws Exception {
        HashingBulkhead bulkhead = new HashingBulkhead(1, 0, Duration.ofMinutes(10));
        hold(bulkhead);
        AtomicBoolean ran = new AtomicBoolean();

        assertThat(bulkhead.call(() -> ran.getAndSet(true))).isEmpty();
        assertThat(ran).isFalse();
    }

    @Test
    void aWaiterGivesUpAfterTheLongestWait() throws Exception {
        HashingBulkhead bulkhead = new HashingBulkhead(1, 1, Duration.ofMillis(1));
        hold(bulkhead);

        assertThat(bulkhead.call(() -> "hashed")).isEmpty();
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void aPermitComesBackWhenTheWorkFails() {
        HashingBulkhead bulkhead = new HashingBulkhead(1, 0, Duration.ZERO);

        assertThatThrownBy(() -> bulkhead.call(() -> {
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        assertThat(bulkhead.call(() -> "hashed")).contains("hashed");
    }

    /** Takes the bulkhead's only permit, on a thread of its own, until the test ends. */
    private void hold(HashingBulkhead bulkhead) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread.ofVirtual()
                .start(() -> bulkhead.call(() -> {
                    held.countDown();
                    try {
                        return release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
    }
}
