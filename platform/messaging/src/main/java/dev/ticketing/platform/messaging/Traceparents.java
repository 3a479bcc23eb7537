package dev.ticketing.platform.messaging;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/** W3C trace context helpers; see https://www.w3.org/TR/trace-context/. */
final class Traceparents {

    static final String MDC_TRACEPARENT = "traceparent";
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private Traceparents() {}

    static boolean isValid(String traceparent) {
        return traceparent != null && VALID.matcher(traceparent).matches();
    }

    static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /** A new root trace. */
    static String random() {
        return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    }

    /** A new span in the same trace, so that the published event is a child of the current work. */
    static String child(String parent) {
        return "00-" + traceId(parent) + "-" + randomHex(8) + "-" + parent.substring(53, 55);
    }

    /** The default {@link TraceparentSupplier}: whatever the MDC knows. */
    static Optional<String> fromMdc() {
        String explicit = MDC.get(MDC_TRACEPARENT);
        if (isValid(explicit)) {
            return Optional.of(explicit);
        }
        String traceId = first(MDC.get("traceId"), MDC.get("trace_id"));
        String spanId = first(MDC.get("spanId"), MDC.get("span_id"));
        if (traceId != null
                && spanId != null
                && TRACE_ID.matcher(traceId).matches()
                && SPAN_ID.matcher(spanId).matches()) {
            return Optional.of("00-" + traceId + "-" + spanId + "-01");
        }
        return Optional.empty();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(buffer);
        } while (allZero(buffer)); // all-zero ids are invalid in W3C trace context
        return HexFormat.of().formatHex(buffer);
    }

    private static boolean allZero(byte[] buffer) {
        for (byte b : buffer) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
