package dev.ticketing.contracts;

import java.util.Objects;

/**
 * One kind of event: its NATS subject, the stream that stores it and the record its {@code data} maps to.
 *
 * @param subject    the NATS subject, e.g. {@code ORDER.created}; also the envelope's {@code type}
 * @param stream     the JetStream stream the subject belongs to
 * @param dataType   the record the envelope's {@code data} object is read into
 * @param <T>        the data record
 */
public record EventType<T>(String subject, Stream stream, Class<T> dataType) {

    public EventType {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(dataType, "dataType");
        if (!stream.covers(subject)) {
            throw new IllegalArgumentException(subject + " is not a subject of stream " + stream);
        }
    }

    /** A name usable in durable consumer names: {@code ORDER.created} → {@code ORDER_created}. */
    public String token() {
        return subject.replace('.', '_');
    }

    @Override
    public String toString() {
        return subject;
    }
}
