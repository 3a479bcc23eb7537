package dev.ticketing.launcher;

import io.nats.client.support.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** One span as Zipkin's API v2 returns it; times in microseconds. */
record TraceSpan(
        String traceId,
        String id,
        String parentId,
        String service,
        String name,
        String kind,
        long timestamp,
        long duration,
        Map<String, String> tags) {

    static TraceSpan of(JsonValue span) {
        JsonValue endpoint = span.map.get("localEndpoint");
        var tags = new LinkedHashMap<String, String>();
        JsonValue tagValues = span.map.get("tags");
        if (tagValues != null && tagValues.map != null) {
            tagValues.map.forEach((key, value) -> tags.put(key, value.string));
        }
        return new TraceSpan(
                text(span, "traceId"),
                text(span, "id"),
                text(span, "parentId"),
                endpoint == null || endpoint.map == null ? "?" : String.valueOf(text(endpoint, "serviceName")),
                String.valueOf(text(span, "name")),
                text(span, "kind"),
                number(span, "timestamp"),
                number(span, "duration"),
                Map.copyOf(tags));
    }

    /** What the saga says of this span: {@code step: result}, or the error; empty for other spans. */
    String outcome() {
        String error = tags.get("error");
        String step = tags.get("saga.step");
        String text =
                step == null ? "" : step + (tags.containsKey("saga.result") ? ": " + tags.get("saga.result") : "");
        return error == null ? text : (text.isEmpty() ? "" : text + ", ") + "error: " + error;
    }

    private static String text(JsonValue object, String key) {
        JsonValue value = object.map.get(key);
        return value == null ? null : value.string;
    }

    private static long number(JsonValue object, String key) {
        JsonValue value = object.map.get(key);
        return value == null || value.number == null ? 0 : value.number.longValue();
    }
}
