package dev.ticketing.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventsTest {

    @Test
    void everySubjectOfTheContractIsDeclaredOnceInItsStream() {
        Map<String, Stream> declared =
                Events.ALL.stream().collect(Collectors.toMap(EventType::name, EventType::stream));
        assertThat(declared)
                .hasSize(15)
                .containsEntry("USER.created", Stream.USERS)
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
        var created = new Events.OrderCreated(
                "o1",
                0,
                "u1",
                OrderStatus.CREATED,
                Instant.parse("2026-01-01T00:00:00Z"),
                1,
                java.math.BigDecimal.TEN,
                new Events.OrderTicket("t1", java.math.BigDecimal.TEN, "s1"));

        assertThat(Events.ORDER_CREATED.subject(created)).isEqualTo("ORDER.created.t1");
        assertThat(Events.ORDER_PAID.subject(new Events.OrderPaid("o1", 1, "p1")))
                .isEqualTo("ORDER.paid.o1");
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
        var data = new Events.OrderCancelled("o1", 2, OrderOutcome.EXPIRED, new Events.TicketRef("t1"), 3);
        var envelope = new Envelope<>(
                UUID.randomUUID(), "ORDER.cancelled", Instant.parse("2026-01-01T00:00:00Z"), "o1", 2, data);
        var json = mapper.readTree(mapper.writeValueAsString(envelope));
        assertThat(json.propertyNames())
                .containsExactlyInAnyOrder("eventId", "type", "occurredAt", "aggregateId", "aggregateVersion", "data");
        assertThat(json.get("data").get("ticket").get("id").asString()).isEqualTo("t1");
        assertThat(json.get("data").get("quantity").asInt()).isEqualTo(3);
    }

    /** The wire text of the closed values is what it was when they travelled as strings, byte for byte. */
    @Test
    void theClosedValuesTravelAsTheirOldTexts() {
        var mapper = JsonMapper.builder().findAndAddModules().build();
        assertThat(Arrays.stream(OrderStatus.values()).map(mapper::writeValueAsString))
                .containsExactly("\"created\"", "\"paid\"", "\"complete\"", "\"cancelled\"");
        assertThat(Arrays.stream(OrderOutcome.values()).map(mapper::writeValueAsString))
                .containsExactly(
                        "\"SUCCESS\"",
                        "\"EXPIRED\"",
                        "\"CANCELLED\"",
                        "\"INSUFFICIENT_FUND\"",
                        "\"INSUFFICIENT_INVENTORY\"",
                        "\"TIMEOUT\"",
                        "\"UNKNOWN\"",
                        "\"DELIVERY_FAILED\"");
        for (var values : List.of(ReservationRejection.values(), DeliveryFailure.values(), PaymentFailure.values())) {
            for (Enum<?> value : values) {
                assertThat(mapper.writeValueAsString(value)).isEqualTo("\"" + value.name() + "\"");
            }
        }

        var created = new Events.OrderCreated(
                "o1",
                1,
                "u1",
                OrderStatus.CREATED,
                Instant.parse("2026-01-01T00:00:00Z"),
                1,
                new BigDecimal("10.00"),
                new Events.OrderTicket("t1", new BigDecimal("10.00"), "s1"));
        assertThat(mapper.writeValueAsString(created)).contains("\"status\":\"created\"");
        assertThat(mapper.readValue(mapper.writeValueAsString(created), Events.OrderCreated.class))
                .isEqualTo(created);
        assertThat(mapper.writeValueAsString(new Events.PaymentFailed("o1", PaymentFailure.INSUFFICIENT_FUND)))
                .isEqualTo("{\"orderId\":\"o1\",\"outcome\":\"INSUFFICIENT_FUND\"}");
        assertThat(mapper.writeValueAsString(
                        new Events.TicketReservationRejected("o1", "t1", ReservationRejection.INSUFFICIENT_INVENTORY)))
                .contains("\"reason\":\"INSUFFICIENT_INVENTORY\"");
        assertThat(mapper.writeValueAsString(new Events.TicketDeliveryFailed("o1", "t1", DeliveryFailure.UNKNOWN)))
                .contains("\"reason\":\"UNKNOWN\"");
    }

    @Test
    void eachReasonCancelsTheOrderWithTheOutcomeOfItsName() {
        for (var values : List.of(ReservationRejection.values(), DeliveryFailure.values(), PaymentFailure.values())) {
            for (Enum<?> value : values) {
                OrderOutcome outcome = switch (value) {
                    case ReservationRejection r -> r.outcome();
                    case DeliveryFailure d -> d.outcome();
                    case PaymentFailure p -> p.outcome();
                    default -> throw new IllegalStateException();
                };
                assertThat(outcome.name()).isEqualTo(value.name());
            }
        }
    }

    /** Nothing defaults a closed value any more: no value, or one that cannot be, is refused with its field named. */
    @Test
    void aMissingOrImpossibleClosedValueIsRefused() {
        assertThatThrownBy(() -> new Events.PaymentFailed("o1", null)).hasMessage("PaymentFailed.outcome is required");
        assertThatThrownBy(() -> new Events.TicketReservationRejected("o1", "t1", null))
                .hasMessage("TicketReservationRejected.reason is required");
        assertThatThrownBy(() -> new Events.TicketDeliveryFailed("o1", "t1", null))
                .hasMessage("TicketDeliveryFailed.reason is required");
        assertThatThrownBy(() -> new Events.OrderCancelled("o1", 1, OrderOutcome.SUCCESS, new Events.TicketRef("t"), 1))
                .hasMessage("OrderCancelled.outcome cannot be SUCCESS");
        assertThatThrownBy(() -> new Events.OrderCreated(
                        "o1",
                        1,
                        "u1",
                        OrderStatus.PAID,
                        Instant.EPOCH,
                        1,
                        BigDecimal.ONE,
                        new Events.OrderTicket("t1", BigDecimal.ONE, "s1")))
                .hasMessage("OrderCreated.status must be created, not paid");
        assertThatThrownBy(() -> OrderStatus.ofWire("CREATED")).hasMessage("Unknown order status: CREATED");
    }
}
