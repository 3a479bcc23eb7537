package dev.ticketing.orders.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.orders.OrdersServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Units sold or released move a listing's replica counters when the transaction commits, in one statement per
 * listing, so that a batch of completions does not hold the row every create of that listing needs from its first
 * completion on; a rollback moves nothing.
 */
class ReplicaCountersTest extends OrdersServiceTest {

    /** Someone who sells none of these listings. */
    private static final String BUYER = "a-buyer";

    @Autowired
    ListingReplicas replicas;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void soldAndReleasedUnitsMoveTheCountersWhenTheTransactionCommits() {
        String id = listing(newUser(), "10", 10);
        String other = listing(newUser(), "10", 10);
        var transactions = new TransactionTemplate(transactionManager);
        transactions.executeWithoutResult(status -> {
            assertThat(replicas.reserveFor(UUID.fromString(id), 5, BUYER)).isPresent();
            assertThat(replicas.reserveFor(UUID.fromString(other), 2, BUYER)).isPresent();
        });

        transactions.executeWithoutResult(status -> {
            replicas.sell(UUID.fromString(id), 2);
            replicas.release(UUID.fromString(id), 1);
            replicas.sell(UUID.fromString(other), 2);
            replicas.sell(UUID.fromString(id), 1);
            assertThat(counters(id)).as("before the commit").containsExactly(5, 0);
        });

        assertThat(counters(id)).containsExactly(1, 3);
        assertThat(counters(other)).containsExactly(0, 2);
    }

    @Test
    void aRolledBackTransactionMovesNothing() {
        String id = listing(newUser(), "10", 10);
        var transactions = new TransactionTemplate(transactionManager);
        transactions.executeWithoutResult(status -> replicas.reserveFor(UUID.fromString(id), 3, BUYER));

        transactions.executeWithoutResult(status -> {
            replicas.sell(UUID.fromString(id), 3);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> replicas.release(UUID.fromString(id), 1));

        assertThat(counters(id))
                .as("the rollback's sale forgotten, the next transaction's own")
                .containsExactly(2, 0);
    }

    @Test
    void aTransactionStartedInsideAnotherKeepsItsMovesApart() {
        String id = listing(newUser(), "10", 10);
        var transactions = new TransactionTemplate(transactionManager);
        var inner = new TransactionTemplate(transactionManager);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transactions.executeWithoutResult(status -> replicas.reserveFor(UUID.fromString(id), 4, BUYER));

        transactions.executeWithoutResult(status -> {
            replicas.sell(UUID.fromString(id), 1);
            inner.executeWithoutResult(nested -> replicas.release(UUID.fromString(id), 2));
            replicas.sell(UUID.fromString(id), 1);
            status.setRollbackOnly();
        });

        assertThat(counters(id)).as("the inner release only").containsExactly(2, 0);
    }

    @Test
    void nothingIsReservedFromTheBuyersOwnListingNorBeyondItsQuantityNorFromAnUnknownOne() {
        User seller = newUser();
        String id = listing(seller, "10", 3);
        var transactions = new TransactionTemplate(transactionManager);

        transactions.executeWithoutResult(status -> {
            assertThat(replicas.reserveFor(UUID.fromString(id), 1, seller.id()))
                    .as("own")
                    .isEmpty();
            assertThat(replicas.reserveFor(UUID.fromString(id), 4, BUYER))
                    .as("beyond")
                    .isEmpty();
            assertThat(replicas.reserveFor(UUID.randomUUID(), 1, BUYER))
                    .as("unknown")
                    .isEmpty();
            assertThat(replicas.reserveFor(UUID.fromString(id), 3, BUYER))
                    .as("the whole quantity, answered with the listing")
                    .hasValueSatisfying(
                            listing -> assertThat(listing.sellerId()).isEqualTo(seller.id()));
        });

        assertThat(counters(id)).containsExactly(3, 0);
    }

    @Test
    void movingCountersOutsideATransactionIsABug() {
        String id = listing(newUser(), "10", 10);

        assertThatThrownBy(() -> replicas.sell(UUID.fromString(id), 1)).isInstanceOf(IllegalStateException.class);
    }
}
