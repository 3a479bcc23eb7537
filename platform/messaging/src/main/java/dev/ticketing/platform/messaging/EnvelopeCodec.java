package dev.ticketing.platform.messaging;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of envelopes and header maps. A mapper of its own, so that a service's Jackson customisations can
 * never change the wire format other services read.
 */
final class EnvelopeCodec {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    // An unknown field is a newer producer's addition (compatible); an unknown value of a closed set (status,
    // outcome, reason) is not: it fails, and so does a number where an enum's text belongs (Jackson would read it
    // as the constant's index).
    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
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
            Envelope<T> envelope = mapper.readValue(
                    json,
                    envelopeTypes.computeIfAbsent(
                            type.dataType(),
                            data -> mapper.getTypeFactory().constructParametricType(Envelope.class, data)));
            if (envelope == null) {
                throw new IllegalArgumentException("no envelope");
            }
            return envelope;
        } catch (RuntimeException e) { // Jackson, UUID, Instant and null checks all mean the same: unreadable
            throw new MalformedEvent("Cannot read a " + type + " envelope: " + why(e), e);
        }
    }

    /**
     * The one line an operator reads in the dead letter: the field and the value where Jackson knows them (an
     * unknown status, outcome or reason; a value a record refuses), else Jackson's own message.
     */
    private String why(RuntimeException e) {
        if (e instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return path(invalid) + ": " + quoted(invalid.getValue()) + " is not a "
                    + invalid.getTargetType().getSimpleName() + " (one of " + wireValues(invalid.getTargetType())
                    + ")";
        }
        if (e instanceof ValueInstantiationException refused
                && refused.getCause() instanceof IllegalArgumentException
                && refused.getCause().getMessage() != null) {
            return path(refused) + ": " + refused.getCause().getMessage();
        }
        return e.getMessage();
    }

    /** Where in the envelope, e.g. {@code data.outcome}. */
    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String quoted(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }

    /** The texts the enum is read from: what this mapper writes for each constant (e.g. lower-case statuses). */
    private String wireValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> {
                    try {
                        return mapper.valueToTree(constant).asString();
                    } catch (JacksonException e) {
                        return String.valueOf(constant);
                    }
                })
                .collect(Collectors.joining(", "));
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
