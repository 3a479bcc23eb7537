package dev.ticketing.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventsTest {

    @Test
    void everySubjectOfTheContractIsDeclaredOnceInItsStream() {
        Map<String, Stream> declared = Events.ALL.stream()
                .collect(Collectors.toMap(EventType::name, EventType::stream));
        assertThat(declared).hasSize(15).containsEntry("USER.created", Stream.USERS)
                .containsEntry("TICKET.reservation-rejected", Stream.TICKETS)
                .containsEntry("ORDER.cancelled", Stream.ORDERS)
                .containsEntry("EXPIRATION.complete", Stream.EXPIRATION)
                .containsEntry("PAYMENT.refunded", Stream.PAYMENTS);
    }

    @Test
    void anEventTypeOutsideItsStreamIsRejected() {
        assertThatThrownBy(() -> new EventType<>("ORDER.created", Stream.TICKETS, String.class, s -> s))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventIsPublishedOnItsNameAndTheKeyOfTheAggregateAReaderCatchesUpOn() {
        var created = new Events.OrderCreated("o1", 0, "u1", "created", Instant.parse("2026-01-01T00:00:00Z"), 1,
                java.math.BigDecimal.TEN, new Events.OrderTicket("t1", java.math.BigDecimal.TEN, "s1"));

        assertThat(Events.ORDER_CREATED.subject(created)).isEqualTo("ORDER.created.t1");
        assertThat(Events.ORDER_PAID.subject(new Events.OrderPaid("o1", 1, "p1"))).isEqualTo("ORDER.paid.o1");
        assertThat(Events.PAYMENT_CREATED.subject(new Events.PaymentCreated("p1", "o1", java.math.BigDecimal.ONE)))
                .isEqualTo("PAYMENT.created.o1");
        assertThat(Stream.ORDERS.anyEventOf("o1")).isEqualTo("ORDER.*.o1");
        assertThat(Events.ORDER_CREATED.filterSubjects()).containsExactly("ORDER.created", "ORDER.created.*");
        assertThat(Stream.ORDERS.subjects()).isEqualTo("ORDER.>");
        assertThatThrownBy(() -> Events.ORDER_PAID.keyed("a.b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubjectIsMatchedWithOrWithoutItsKey() {
        assertThat(Events.forSubject("ORDER.paid.o1")).isSameAs(Events.ORDER_PAID);
        assertThat(Events.forSubject("ORDER.paid")).isSameAs(Events.ORDER_PAID);
        assertThat(Events.ORDER_PAID.matches("ORDER.paid.o1.x")).isFalse();
        assertThat(Events.ORDER_PAID.matches("ORDER.paidx")).isFalse();
        assertThat(Stream.of("TICKET.reserved.o1")).isEqualTo(Stream.TICKETS);
    }

    @Test
    void unknownSubjectsAreNamed() {
        assertThatThrownBy(() -> Events.forSubject("ORDER.nope")).hasMessageContaining("ORDER.nope");
        assertThat(Events.forSubject("ORDER.paid")).isSameAs(Events.ORDER_PAID);
    }

    @Test
    void theEnvelopeSerialisesWithTheContractFieldNames() {
        var mapper = JsonMapper.builder().findAndAddModules().build();
        var data = new Events.OrderCancelled("o1", 2, "EXPIRED", new Events.TicketRef("t1"), 3);
        var envelope = new Envelope<>(UUID.randomUUID(), "ORDER.cancelled", Instant.parse("2026-01-01T00:00:00Z"),
                "o1", 2, data);
        var json = mapper.readTree(mapper.writeValueAsString(envelope));
        assertThat(json.propertyNames()).containsExactlyInAnyOrder(
                "eventId", "type", "occurredAt", "aggregateId", "aggregateVersion", "data");
        assertThat(json.get("data").get("ticket").get("id").asString()).isEqualTo("t1");
        assertThat(json.get("data").get("quantity").asInt()).isEqualTo(3);
    }
}
