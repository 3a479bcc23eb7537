package dev.ticketing.contracts.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contracts.Envelope;
import dev.ticketing.contracts.EventType;
import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Headers;
import dev.ticketing.contracts.Stream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/asyncapi.yaml against contracts and the services: a channel per event type and no other, its address and
 * key, its stream, its message's envelope, headers and {@code data} schema field by field, its one publisher and
 * exactly the services whose handlers consume it.
 */
class AsyncApiDocumentTest {

    private static JsonNode document;

    @BeforeAll
    static void read() {
        document = YAMLMapper.builder().build().readTree(Repository.read(Repository.path("docs/asyncapi.yaml")));
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(document.path("defaultContentType").asString()).isEqualTo("application/json");
    }

    @Test
    void hasAChannelForEveryEventTypeAndNoOther() {
        assertThat(document.path("channels").propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        Events.ALL.stream().map(EventType::name).toList());
    }

    @Test
    void eachChannelIsTheEventsNameAndItsKey() {
        var problems = new ArrayList<String>();
        for (EventType<?> type : Events.ALL) {
            JsonNode channel = channel(type);
            JsonNode parameters = channel.path("parameters");
            expect(problems, type + " parameters", parameters.size(), 1);
            String parameter = parameters.propertyNames().stream().findFirst().orElse("");
            expect(
                    problems,
                    type + " address",
                    channel.path("address").asString(),
                    type.name() + ".{" + parameter + "}");
            expect(
                    problems,
                    type + " key location",
                    parameters.path(parameter).path("location").asString(),
                    "$message.payload#/data" + keyPath(type));
            expect(
                    problems,
                    type + " stream",
                    channel.path("x-stream").asString(),
                    type.stream().name());
            expect(
                    problems,
                    type + " filter subjects",
                    strings(channel.path("x-filter-subjects")),
                    type.filterSubjects());
            expect(problems, type + " messages", channel.path("messages").size(), 1);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theStreamsAreThoseOfContracts() {
        JsonNode streams = document.path("x-streams");
        assertThat(streams.propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Stream.values()).map(Stream::name).toList());
        for (Stream stream : Stream.values()) {
            assertThat(streams.path(stream.name()).path("subjects").asString()).isEqualTo(stream.subjects());
            assertThat(streams.path(stream.name()).path("publisher").asString()).isEqualTo(stream.publisher());
        }
    }

    @Test
    void eachMessageIsTheEnvelopeWithTheRecordOfItsType() {
        var problems = new ArrayList<String>();
        Set<String> envelope = Arrays.stream(Envelope.class.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        for (EventType<?> type : Events.ALL) {
            JsonNode message = message(type);
            expect(problems, type + " message name", message.path("name").asString(), type.name());
            Map<String, JsonNode> payload = properties(message.path("payload"));
            expect(problems, type + " envelope", new TreeSet<>(payload.keySet()), envelope);
            if (payload.keySet().containsAll(envelope)) {
                expect(
                        problems,
                        type + " type",
                        payload.get("type").path("const").asString(),
                        type.name());
                expect(problems, type + " eventId", jsonType(payload.get("eventId")), "string:uuid");
                expect(problems, type + " occurredAt", jsonType(payload.get("occurredAt")), "string:date-time");
                expect(problems, type + " aggregateId", jsonType(payload.get("aggregateId")), "string");
                expect(problems, type + " aggregateVersion", jsonType(payload.get("aggregateVersion")), "integer");
                compare(problems, type.name() + " data", type.dataType(), payload.get("data"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theHeadersAreThoseOfContracts() throws IllegalAccessException {
        Set<String> all = new TreeSet<>();
        for (var field : Headers.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                all.add((String) field.get(null));
            }
        }
        Set<String> always = Set.of(Headers.MSG_ID, Headers.TRACEPARENT, Headers.EVENT_TYPE, Headers.SCHEMA_VERSION);
        Set<String> used = new TreeSet<>();
        for (EventType<?> type : Events.ALL) {
            JsonNode headers = message(type).path("headers");
            Map<String, JsonNode> properties = properties(headers);
            assertThat(all).as("%s headers", type).containsAll(properties.keySet());
            assertThat(required(headers)).as("%s required headers", type).containsAll(always);
            assertThat(resolve(properties.get(Headers.SCHEMA_VERSION))
                            .path("const")
                            .asString())
                    .isEqualTo(Integer.toString(Events.SCHEMA_VERSION));
            used.addAll(properties.keySet());
        }
        assertThat(used).isEqualTo(all);
    }

    @Test
    void eachEventIsSentByThePublisherOfItsStream() {
        Map<String, List<String>> senders = operations("send");
        for (EventType<?> type : Events.ALL) {
            assertThat(senders.get(type.name()))
                    .as("senders of %s", type)
                    .containsExactly(type.stream().publisher());
        }
        assertThat(senders.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        Events.ALL.stream().map(EventType::name).toList());
    }

    @Test
    void eachEventIsReceivedByExactlyTheServicesWithAHandlerOfIt() {
        Map<String, Set<String>> handlers = ServiceSources.consumers();
        assertThat(handlers).as("handlers found in services/*").containsKeys("ORDER.created", "PAYMENT.created");
        Map<String, Set<String>> documented = new TreeMap<>();
        operations("receive").forEach((event, services) -> documented.put(event, new TreeSet<>(services)));
        assertThat(documented)
                .as("the receive operations of docs/asyncapi.yaml (actual) against the services' "
                        + "EventHandlers (expected)")
                .isEqualTo(handlers);
    }

    @Test
    void eachReceiverNamesItsDurableConsumer() {
        for (JsonNode operation : document.path("operations").values()) {
            if (operation.path("action").asString().equals("receive")) {
                EventType<?> type = Events.forSubject(channelId(operation));
                assertThat(operation.path("x-durable").asString())
                        .isEqualTo(operation.path("x-service").asString() + "-" + type.token());
            }
        }
    }

    // ---- the document ---------------------------------------------------------------------------------------------

    private static JsonNode channel(EventType<?> type) {
        JsonNode channel = document.path("channels").path(type.name());
        assertThat(channel.isObject()).as("channel %s", type).isTrue();
        return channel;
    }

    private static JsonNode message(EventType<?> type) {
        return resolve(channel(type).path("messages").values().iterator().next());
    }

    /** Event name → the services of its operations with this action, e.g. every {@code send}. */
    private static Map<String, List<String>> operations(String action) {
        Map<String, List<String>> byEvent = new TreeMap<>();
        for (JsonNode operation : document.path("operations").values()) {
            assertThat(operation.path("x-service").asString())
                    .as("x-service of %s", operation)
                    .isNotEmpty();
            if (operation.path("action").asString().equals(action)) {
                byEvent.computeIfAbsent(channelId(operation), name -> new ArrayList<>())
                        .add(operation.path("x-service").asString());
            }
        }
        return byEvent;
    }

    private static String channelId(JsonNode operation) {
        String ref = operation.path("channel").path("$ref").asString();
        assertThat(ref).startsWith("#/channels/");
        return ref.substring("#/channels/".length());
    }

    /** Follows a local {@code $ref} ({@code #/components/schemas/X}), however many there are in a row. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asString();
            assertThat(ref).startsWith("#/");
            assertThat(hops).as("a cycle of $ref at %s", ref).isLessThan(10);
            current = document.at(ref.substring(1));
            assertThat(current.isMissingNode()).as("%s exists", ref).isFalse();
        }
        return current;
    }

    /**
     * The properties of an object schema, those of every part of an {@code allOf} merged; a property named by several
     * parts is the merge of their (resolved) schemas, e.g. the envelope's {@code data} and a message's {@code $ref}.
     */
    private static Map<String, JsonNode> properties(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (JsonNode part : resolved.path("allOf").values()) {
            properties(part).forEach((name, property) -> properties.merge(name, property, AsyncApiDocumentTest::merge));
        }
        resolved.path("properties")
                .properties()
                .forEach(entry ->
                        properties.merge(entry.getKey(), resolve(entry.getValue()), AsyncApiDocumentTest::merge));
        return properties;
    }

    private static JsonNode merge(JsonNode earlier, JsonNode later) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.setAll((ObjectNode) earlier);
        merged.setAll((ObjectNode) later);
        return merged;
    }

    private static Set<String> required(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        Set<String> required = new TreeSet<>(strings(resolved.path("required")));
        for (JsonNode part : resolved.path("allOf").values()) {
            required.addAll(required(part));
        }
        return required;
    }

    private static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }

    /** {@code type} and, where it says more, {@code :format} of a schema. */
    private static String jsonType(JsonNode schema) {
        String type = schema.path("type").asString();
        String format = schema.path("format").asString();
        return format.isEmpty() || type.equals("integer") ? type : type + ":" + format;
    }

    // ---- the records ------------------------------------------------------------------------------------------------

    /** The record's components against the schema's properties: the same names, each with its JSON type. */
    private static void compare(List<String> problems, String what, Class<?> record, JsonNode schema) {
        expect(problems, what + " type", jsonType(schema), "object");
        Map<String, JsonNode> properties = properties(schema);
        Map<String, Class<?>> components = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            components.put(component.getName(), component.getType());
        }
        expect(problems, what + " properties", new TreeSet<>(properties.keySet()), new TreeSet<>(components.keySet()));
        expect(problems, what + " required", required(schema), new TreeSet<>(components.keySet()));
        components.forEach((name, javaType) -> {
            JsonNode property = properties.get(name);
            if (property == null) {
                return;
            }
            if (javaType.isRecord()) {
                compare(problems, what + "." + name, javaType, property);
            } else if (javaType.isEnum()) {
                compareEnum(problems, what + "." + name, record, name, javaType, property);
            } else if (!jsonType(property).matches(expectedType(javaType))) {
                problems.add(what + "." + name + ": " + jsonType(property) + " is not the JSON type of "
                        + javaType.getSimpleName());
            }
        });
    }

    /**
     * A closed set: a string whose documented values ({@code enum}, or {@code const} for one) are exactly the ones
     * Jackson writes for the Java enum, except those the record itself refuses (e.g. SUCCESS on a cancellation).
     */
    private static void compareEnum(
            List<String> problems,
            String what,
            Class<?> record,
            String component,
            Class<?> enumType,
            JsonNode property) {
        expect(problems, what + " type", jsonType(property), "string");
        Set<String> documented = new TreeSet<>(strings(property.path("enum")));
        if (property.has("const")) {
            documented.add(property.path("const").asString());
        }
        if (documented.isEmpty()) {
            problems.add(what + ": lists no values (enum or const) of " + enumType.getSimpleName());
            return;
        }
        Map<String, Object> wire = new TreeMap<>();
        for (Object constant : enumType.getEnumConstants()) {
            wire.put(JSON.valueToTree(constant).asString(), constant);
        }
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(wire.keySet());
        if (!unknown.isEmpty()) {
            problems.add(what + ": documents " + unknown + ", which " + enumType.getSimpleName() + " cannot read");
        }
        wire.forEach((value, constant) -> {
            if (!documented.contains(value) && accepts(record, component, constant)) {
                problems.add(what + ": " + value + " is a value of " + enumType.getSimpleName()
                        + " that the record accepts but the document does not list");
            }
        });
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** Whether a sample record with this value in this component can be built. */
    private static boolean accepts(Class<?> record, String component, Object value) {
        try {
            build(record, "", new HashMap<>(), Map.of(component, value));
            return true;
        } catch (IllegalStateException refused) {
            return false;
        }
    }

    private static void expect(List<String> problems, String what, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            problems.add(what + ": " + actual + " instead of " + expected);
        }
    }

    /** The JSON type Jackson writes for a Java type, as a pattern over {@link #jsonType}. */
    private static String expectedType(Class<?> type) {
        if (type == String.class) {
            return "string(:.+)?";
        }
        if (type == UUID.class) {
            return "string:uuid";
        }
        if (type == Instant.class) {
            return "string:date-time";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == BigDecimal.class || type == double.class || type == Double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(type)) {
            return "array";
        }
        throw new IllegalArgumentException("No JSON type known for " + type + ": extend this test");
    }

    /**
     * Where in {@code data} the key of the type's subject comes from, e.g. {@code /ticket/id}: found by building a
     * record whose every text is different and seeing which one ends the subject.
     */
    private static String keyPath(EventType<?> type) {
        Map<String, String> pathOf = new HashMap<>();
        Object data = sample(type.dataType(), "", pathOf);
        String subject = subject(type, data);
        String key = subject.substring(type.name().length() + 1);
        assertThat(pathOf)
                .as("the key of %s comes from a text of its data", type)
                .containsKey(key);
        return pathOf.get(key);
    }

    private static <T> String subject(EventType<T> type, Object data) {
        return type.subject(type.dataType().cast(data));
    }

    private static Object sample(Class<?> type, String path, Map<String, String> pathOf) {
        if (type == String.class) {
            String value = "k" + pathOf.size();
            pathOf.put(value, path);
            return value;
        }
        if (type == UUID.class) {
            UUID value = UUID.randomUUID();
            pathOf.put(value.toString(), path);
            return value;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type.isRecord()) {
            return build(type, path, pathOf, Map.of());
        }
        throw new IllegalArgumentException("No sample value for " + type + " at " + path + ": extend this test");
    }

    /**
     * A record of sample values, with the given components fixed; an enum component not fixed takes the first
     * constant the record accepts (ORDER.created is only ever {@code created}). Refused: IllegalStateException.
     */
    private static Object build(Class<?> type, String path, Map<String, String> pathOf, Map<String, Object> fixed) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (fixed.containsKey(name)) {
                values[i] = fixed.get(name);
            } else if (components[i].getType().isEnum()) {
                open.add(i);
            } else {
                values[i] = sample(components[i].getType(), path + "/" + name, pathOf);
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return construct(constructor, values, open, 0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build a " + type.getSimpleName() + " of " + fixed, e);
        }
    }

    private static Object construct(Constructor<?> constructor, Object[] values, List<Integer> open, int next)
            throws ReflectiveOperationException {
        if (next == open.size()) {
            return constructor.newInstance(values);
        }
        int index = open.get(next);
        ReflectiveOperationException last = null;
        for (Object constant : constructor.getParameterTypes()[index].getEnumConstants()) {
            values[index] = constant;
            try {
                return construct(constructor, values, open, next + 1);
            } catch (ReflectiveOperationException refused) {
                last = refused;
            }
        }
        throw last;
    }
}
