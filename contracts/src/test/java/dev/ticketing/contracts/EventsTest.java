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
                .collect(Collectors.toMap(EventType::subject, EventType::stream));
        assertThat(declared).hasSize(14).containsEntry("USER.created", Stream.USERS)
                .containsEntry("TICKET.reservation-rejected", Stream.TICKETS)
                .containsEntry("ORDER.cancelled", Stream.ORDERS)
                .containsEntry("EXPIRATION.complete", Stream.EXPIRATION)
                .containsEntry("PAYMENT.refunded", Stream.PAYMENTS);
    }

    @Test
    void anEventTypeOutsideItsStreamIsRejected() {
        assertThatThrownBy(() -> new EventType<>("ORDER.created", Stream.TICKETS, String.class))
                .isInstanceOf(IllegalArgumentException.class);
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
