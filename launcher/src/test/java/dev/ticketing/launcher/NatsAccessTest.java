package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.embedded.NatsUser;
import org.junit.jupiter.api.Test;

class NatsAccessTest {

    @Test
    void aServicePublishesOnlyItsOwnSubjectsAndReadsOnlyWhatItConsumes() {
        NatsUser orders = NatsAccess.user("orders", "pw").orElseThrow();

        assertThat(orders.publish())
                .contains(
                        "ORDER.>",
                        "$JS.API.CONSUMER.MSG.NEXT.TICKETS.>",
                        "$JS.API.DIRECT.GET.TICKETS.>",
                        "$JS.ACK.PAYMENTS.>",
                        "$JS.API.STREAM.CREATE.EXPIRATION")
                .doesNotContain("PAYMENT.>", "TICKET.>", "USER.>", "EXPIRATION.>", ">", "$JS.API.>")
                .noneMatch(subject -> subject.contains("USERS"));
        assertThat(orders.subscribe()).containsExactly("_INBOX_orders.>");
    }

    @Test
    void aServiceMayDeleteOnlyTheDurableConsumersNamedAfterIt() {
        NatsUser payments = NatsAccess.user("payments", "pw").orElseThrow();

        assertThat(payments.publish())
                .contains("$JS.API.CONSUMER.DELETE.ORDERS.payments-ORDER_paid")
                .doesNotContain("$JS.API.CONSUMER.DELETE.ORDERS.tickets-ORDER_paid", "$JS.API.CONSUMER.DELETE.ORDERS.>")
                .filteredOn(subject -> subject.startsWith("$JS.API.CONSUMER.DELETE."))
                .allMatch(subject -> subject.contains(".payments-"))
                .hasSize(5); // USER.created, and the four ORDER.* events
    }

    @Test
    void theEdgeHasNoNatsUserAndTheOperatorMayDoEverything() {
        assertThat(NatsAccess.user("web", "pw")).isEmpty();
        assertThat(NatsAccess.admin("pw").publish()).containsExactly(">");
    }
}
