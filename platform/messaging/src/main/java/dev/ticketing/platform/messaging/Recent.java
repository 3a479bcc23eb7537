package dev.ticketing.platform.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounded memory of what a service learned lately and may be asked again soon (events applied, the listing of an
 * order): a handful of thousand entries, so an answer from it saves a round trip without holding on to history.
 */
public final class Recent {

    private Recent() {}

    /** A synchronized map that keeps the last {@code capacity} keys put, the eldest forgotten first. */
    public static <K, V> Map<K, V> map(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
