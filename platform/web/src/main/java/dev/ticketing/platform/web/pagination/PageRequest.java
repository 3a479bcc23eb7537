package dev.ticketing.platform.web.pagination;

import java.util.Optional;

/** A page of a list endpoint: at most {@code limit} items after {@code after} (docs/api.md: default 50, max 200). */
public record PageRequest(int limit, Optional<Cursor> after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** The validation message of a {@code limit} out of range, on field {@code limit}. */
    public static final String LIMIT_MESSAGE = "limit must be between 1 and 200";

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
    }

    /**
     * From the query parameters: the controller validated {@code limit} (bean validation, so that the message
     * lands on field {@code limit}); the cursor is decoded here, a 400 on {@code cursor} when it is not ours.
     */
    public static PageRequest of(Integer limit, String cursor) {
        return new PageRequest(
                limit == null ? DEFAULT_LIMIT : limit,
                cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(Cursor.decode(cursor)));
    }

    /** Rows to fetch: one more than the page, to learn whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
