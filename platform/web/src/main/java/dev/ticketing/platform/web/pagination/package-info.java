/**
 * Keyset pagination of the list endpoints (docs/api.md): {@code ?limit=} (default 50, max 200), an opaque
 * {@code ?cursor=}, and the next page announced in a path-absolute {@code Link: <...>; rel="next"} header.
 *
 * <p>A controller validates {@code limit} with {@link PageRequest#LIMIT_MESSAGE} and {@link PageRequest#MAX_LIMIT},
 * builds a {@link PageRequest}, a repository fetches {@link PageRequest#fetchSize()} rows after the cursor, and
 * {@link Page#of} cuts them to a page that {@link Page#toResponse} answers.
 */
package dev.ticketing.platform.web.pagination;
