package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of envelopes and header maps. A mapper of its own, so that a service's Jackson customisations can
 * never change the wire format other services read.
 */
final class EnvelopeCodec {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    String write(Envelope<?> envelope) {
        return mapper.writeValueAsString(envelope);
    }

    String writeHeaders(Map<String, String> headers) {
        return mapper.writeValueAsString(headers);
    }

    Map<String, String> readHeaders(String json) {
        return mapper.readValue(json, STRING_MAP);
    }

    /** Reads an envelope of the given type; a payload that does not fit it is a {@link MalformedEvent}. */
    <T> Envelope<T> read(String json, EventType<T> type) {
        try {
            JsonNode root = mapper.readTree(json);
            JsonNode data = required(root, "data");
            return new Envelope<>(
                    UUID.fromString(required(root, "eventId").asString()),
                    required(root, "type").asString(),
                    Instant.parse(required(root, "occurredAt").asString()),
                    required(root, "aggregateId").asString(),
                    required(root, "aggregateVersion").asLong(),
                    mapper.treeToValue(data, type.dataType()));
        } catch (RuntimeException e) { // Jackson, UUID, Instant and null checks all mean the same: unreadable

            throw new MalformedEvent("Cannot read a " + type + " envelope: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode root, String field) {
        JsonNode node = root == null ? null : root.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return node;
    }

    /** A payload that can never be handled: it goes straight to the dead letters. */
    static final class MalformedEvent extends RuntimeException {
        MalformedEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
