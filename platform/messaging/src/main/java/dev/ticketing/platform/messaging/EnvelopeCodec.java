package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
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

    /**
     * Reads an envelope of the given type in one pass; a payload that does not fit it is a {@link MalformedEvent}.
     */
    <T> Envelope<T> read(String json, EventType<T> type) {
        try {
            Envelope<T> envelope = mapper.readValue(json, envelopeTypes.computeIfAbsent(type.dataType(),
                    data -> mapper.getTypeFactory().constructParametricType(Envelope.class, data)));
            if (envelope == null) {
                throw new IllegalArgumentException("no envelope");
            }
            return envelope;
        } catch (RuntimeException e) { // Jackson, UUID, Instant and null checks all mean the same: unreadable
            throw new MalformedEvent("Cannot read a " + type + " envelope: " + e.getMessage(), e);
        }
    }

    private final java.util.concurrent.ConcurrentHashMap<Class<?>, tools.jackson.databind.JavaType> envelopeTypes =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A payload that can never be handled: it goes straight to the dead letters. */
    static final class MalformedEvent extends RuntimeException {
        MalformedEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
