package dev.ticketing.expiration.timer;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import java.nio.charset.StandardCharsets;

/**
 * The data of an order's timer: the {@code traceparent} of the order's trace as UTF-8 bytes, or none. Written by
 * {@link OrderTimers#schedule} in plain SQL, read by db-scheduler when the timer fires; plain bytes rather than Java
 * serialisation, so that both sides agree without db-scheduler's client.
 */
final class TraceData implements Serializer {

    static byte[] bytes(String traceparent) {
        return traceparent == null ? null : traceparent.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] serialize(Object data) {
        return data == null ? null : bytes((String) data);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] data) {
        if (type != String.class) {
            throw new IllegalArgumentException("A timer's data is a traceparent, not a " + type.getName());
        }
        return data == null ? null : type.cast(new String(data, StandardCharsets.UTF_8));
    }
}
