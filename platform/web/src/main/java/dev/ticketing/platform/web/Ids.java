package dev.ticketing.platform.web;

import java.util.UUID;

/** Path ids of the HTTP contract: opaque strings that are UUIDs; anything else names nothing, so it is a 404. */
public final class Ids {

    private Ids() {}

    /** The id as a UUID, or {@link ApiException#notFound()} when it is not one (docs/api.md: malformed id → 404). */
    public static UUID parse(String id) {
        if (id == null || id.length() != 36) {
            // UUID.fromString accepts odd shapes such as "1-1-1-1-1"; only the canonical form names a resource
            throw ApiException.notFound();
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound();
        }
    }
}
