package dev.ticketing.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contracts.DeliveryFailure;
import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.OrderOutcome;
import dev.ticketing.contracts.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The closed values of the contract on the wire: their old texts, and no guessing at a text they do not have. */
class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();

    private static <T> Envelope<T> envelope(EventType<T> type, T data) {
        return new Envelope<>(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                type.name(),
                Instant.parse("2026-01-01T00:00:00Z"),
                "o1",
                1,
                data);
    }

    private static final Events.OrderCreated CREATED = new Events.OrderCreated(
            "o1",
            0,
            "u1",
            OrderStatus.CREATED,
            Instant.parse("2026-01-01T00:15:00Z"),
            1,
            new BigDecimal("10.00"),
            new Events.OrderTicket("t1", new BigDecimal("10.00"), "s1"));
    private static final Events.OrderCancelled CANCELLED =
            new Events.OrderCancelled("o1", 2, OrderOutcome.EXPIRED, new Events.TicketRef("t1"), 1);

    @Test
    void theClosedValuesAreWrittenAndReadAsTheTextsTheyAlwaysHad() {
        String created = codec.write(envelope(Events.ORDER_CREATED, CREATED));
        String cancelled = codec.write(envelope(Events.ORDER_CANCELLED, CANCELLED));

        assertThat(created).contains("\"status\":\"created\"");
        assertThat(cancelled).contains("\"outcome\":\"EXPIRED\"");
        assertThat(codec.read(created, Events.ORDER_CREATED).data()).isEqualTo(CREATED);
        assertThat(codec.read(cancelled, Events.ORDER_CANCELLED).data()).isEqualTo(CANCELLED);
    }

    @Test
    void anUnknownOutcomeIsUnreadableAndTheErrorNamesTheFieldAndTheValue() {
        String json = codec.write(envelope(Events.ORDER_CANCELLED, CANCELLED))
                .replace("\"outcome\":\"EXPIRED\"", "\"outcome\":\"LOST_IN_THE_POST\"");

        assertThatThrownBy(() -> codec.read(json, Events.ORDER_CANCELLED))
                .isInstanceOf(EnvelopeCodec.MalformedEvent.class)
                .hasMessage("Cannot read a ORDER.cancelled envelope: data.outcome: \"LOST_IN_THE_POST\" is not a "
                        + "OrderOutcome (one of SUCCESS, EXPIRED, CANCELLED, INSUFFICIENT_FUND, "
                        + "INSUFFICIENT_INVENTORY, TIMEOUT, UNKNOWN, DELIVERY_FAILED)");
    }

    @Test
    void aStatusIsReadOnlyInItsLowerCaseWireForm() {
        String json = codec.write(envelope(Events.ORDER_CREATED, CREATED));

        assertThatThrownBy(() -> codec.read(json.replace("\"created\"", "\"shipped\""), Events.ORDER_CREATED))
                .hasMessageEndingWith("data.status: \"shipped\" is not a OrderStatus (one of created, paid, complete, "
                        + "cancelled)");
        assertThatThrownBy(() -> codec.read(json.replace("\"created\"", "\"CREATED\""), Events.ORDER_CREATED))
                .isInstanceOf(EnvelopeCodec.MalformedEvent.class)
                .hasMessageContaining("data.status: \"CREATED\"");
    }

    @Test
    void aNumberIsNotReadAsAConstantsIndex() {
        String json = codec.write(envelope(Events.ORDER_CANCELLED, CANCELLED)).replace("\"EXPIRED\"", "1");

        assertThatThrownBy(() -> codec.read(json, Events.ORDER_CANCELLED))
                .isInstanceOf(EnvelopeCodec.MalformedEvent.class)
                .hasMessageContaining("outcome");
    }

    @Test
    void aMissingOrImpossibleValueIsUnreadableWithTheRecordsReason() {
        var failed = new Events.TicketDeliveryFailed("o1", "t1", DeliveryFailure.UNKNOWN);
        String missing =
                codec.write(envelope(Events.TICKET_DELIVERY_FAILED, failed)).replace(",\"reason\":\"UNKNOWN\"", "");
        String success =
                codec.write(envelope(Events.ORDER_CANCELLED, CANCELLED)).replace("EXPIRED", "SUCCESS");

        assertThatThrownBy(() -> codec.read(missing, Events.TICKET_DELIVERY_FAILED))
                .isInstanceOf(EnvelopeCodec.MalformedEvent.class)
                .hasMessage(
                        "Cannot read a TICKET.delivery-failed envelope: data: TicketDeliveryFailed.reason is required");
        assertThatThrownBy(() -> codec.read(success, Events.ORDER_CANCELLED))
                .hasMessage("Cannot read a ORDER.cancelled envelope: data: OrderCancelled.outcome cannot be SUCCESS");
    }
}
