package dev.ticketing.contracts;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One kind of event: its name, the stream that stores it, the record its {@code data} maps to, and the key that
 * ends its subject.
 *
 * <p>An event is published on {@code <name>.<key>}, e.g. {@code ORDER.paid.<orderId>}. The key is the aggregate a
 * reader may have to catch up on before a decision (docs/decisions/0014): the listing for listing events and for
 * {@code ORDER.created} (tickets locks edits of a listing with orders in flight), the order for every other saga
 * event. A reader finds the last event of one aggregate with one lookup of {@code <stream prefix>.*.<key>}.
 *
 * @param name     the event's name, e.g. {@code ORDER.created}: the envelope's {@code type} and the subject
 *                 without its key
 * @param stream   the JetStream stream the event belongs to
 * @param dataType the record the envelope's {@code data} object is read into
 * @param key      the subject key of an event, from its data
 * @param <T>      the data record
 */
public record EventType<T>(String name, Stream stream, Class<T> dataType, Function<T, String> key) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(key, "key");
        if (!stream.covers(name)) {
            throw new IllegalArgumentException(name + " is not an event of stream " + stream);
        }
    }

    /** The subject an event with this data is published on. */
    public String subject(T data) {
        return keyed(key.apply(data));
    }

    /** The subject of this event type for one key. */
    public String keyed(String key) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("Not a subject token: " + key);
        }
        return name + "." + key;
    }

    /** True when the value can be a subject key: one NATS token, no wildcard. */
    public static boolean isKey(String key) {
        return key != null
                && !key.isEmpty()
                && key.length() <= 200
                && key.chars().allMatch(c -> c > ' ' && c != '.' && c != '*' && c != '>' && c < 127);
    }

    /**
     * What a consumer of this type filters on: every key, and the bare name for messages published before
     * subjects had keys (a data folder of an earlier version may still hold some).
     */
    public List<String> filterSubjects() {
        return List.of(name, name + ".*");
    }

    /** True when a message on this subject is an event of this type. */
    public boolean matches(String subject) {
        return subject.equals(name) || (subject.startsWith(name + ".") && subject.indexOf('.', name.length() + 1) < 0);
    }

    /** A name usable in durable consumer names: {@code ORDER.created} → {@code ORDER_created}. */
    public String token() {
        return name.replace('.', '_');
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventType<?> type && type.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
