package dev.ticketing.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a relay tells the other instances of its service once it has published outbox rows (PostgreSQL
 * {@code NOTIFY} on {@link #CHANNEL}): the event ids, so that a request of another instance waiting for one of its
 * own events to be published ({@link PublishBeforeResponse}) answers now rather than at its bound. Any instance's
 * relay may claim a row that its own instance did not hand over, or whose lease ran out (docs/decisions/0074).
 *
 * <p>The payload is the ids separated by spaces; PostgreSQL refuses a payload of 8000 bytes or more, so a large
 * batch is told in several notifications.
 */
final class PublishedNotification {

    static final String CHANNEL = "ticketing_published";
    /** 36 characters and a space each: 200 ids stay well below PostgreSQL's limit. */
    static final int IDS_PER_NOTIFICATION = 200;

    private PublishedNotification() {}

    /** The payloads that together name every id. */
    static List<String> payloads(List<UUID> ids) {
        var payloads = new ArrayList<String>();
        for (int from = 0; from < ids.size(); from += IDS_PER_NOTIFICATION) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_NOTIFICATION));
            payloads.add(String.join(" ", chunk.stream().map(UUID::toString).toList()));
        }
        return payloads;
    }

    /** The ids a payload names; what is not an id is left out. */
    static List<UUID> parse(String payload) {
        var ids = new ArrayList<UUID>();
        if (payload == null) {
            return ids;
        }
        for (String part : payload.split(" ")) {
            try {
                ids.add(UUID.fromString(part));
            } catch (IllegalArgumentException notAnId) {
                // a payload of a later version: what this one understands is used
            }
        }
        return ids;
    }
}
