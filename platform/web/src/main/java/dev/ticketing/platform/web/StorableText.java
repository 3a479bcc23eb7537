package dev.ticketing.platform.web;

import java.util.Optional;

/**
 * Text PostgreSQL can store. A {@code text} value cannot hold U+0000 (the statement fails: a 500 if nobody
 * checked first), and a Java string with an unpaired surrogate has no UTF-8 form at all (the driver would
 * silently store {@code ?} in its place). JSON can carry both ({@code "\u0000"}, {@code "\ud800"}), so every
 * string a request brings in is checked against this one rule before anything stores it: JSON string values
 * ({@link StorableTextModule}), query parameters ({@link QueryTextInterceptor}) and cursors
 * ({@link dev.ticketing.platform.web.pagination.Cursor}). Headers cannot carry either: Tomcat refuses control
 * characters in them before the application runs, and {@link ContractErrorReportValve} names the header.
 *
 * <p>Other control characters are storable and left to each field's own validation.
 */
public final class StorableText {

    private StorableText() {}

    /**
     * What makes the value unstorable, for a message ({@code "the null character (U+0000)"}), or empty when
     * PostgreSQL can store it.
     */
    static Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return Optional.of("the null character (U+0000)");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one character outside the Basic Multilingual Plane, e.g. an emoji
            } else if (Character.isSurrogate(c)) {
                return Optional.of("an unpaired surrogate (U+%04X)".formatted((int) c));
            }
        }
        return Optional.empty();
    }

    /** True when PostgreSQL can store the value as it is. */
    public static boolean storable(String value) {
        return problem(value).isEmpty();
    }

    /** The error of a value that is not storable: {@code "<subject> must not contain <problem>"} on {@code field}. */
    static ApiError error(String subject, String field, String problem) {
        return new ApiError(subject + " must not contain " + problem, field);
    }

    /**
     * How a JSON property is named in a message, capitalised as docs/api.md's messages are ({@code Title is required},
     * {@code TicketId must be provided}); query parameters keep their name as it is ({@code limit must be ...}).
     */
    static String capitalised(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
