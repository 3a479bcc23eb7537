package dev.ticketing.platform.web.pagination;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** One page of at most {@code limit} items and, when more follow, the cursor of the next page. */
public record Page<T>(List<T> items, int limit, Optional<Cursor> next) {

    public Page {
        items = List.copyOf(items);
    }

    /** Cuts the {@code limit + 1} fetched rows to a page; the extra row only proves that a next page exists. */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, request.limit(), Optional.empty());
        }
        List<T> items = fetched.subList(0, request.limit());
        return new Page<>(items, request.limit(), Optional.of(cursorOf.apply(items.getLast())));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), limit, next);
    }

    /**
     * The JSON array, with {@code Link: <path?limit=..&cursor=..>; rel="next"} when another page follows. The
     * link is path-absolute so that it stays right behind the edge, whatever host the client used.
     */
    public ResponseEntity<List<T>> toResponse(String path) {
        return toResponse(path, Map.of());
    }

    /**
     * As {@link #toResponse(String)}, the link also carrying the list's own query parameters (a search's
     * {@code q}), so that the next page is a page of the same list. They are form-encoded, as servlet containers
     * decode query strings ({@code +} for a space, {@code %2B} for a plus).
     */
    public ResponseEntity<List<T>> toResponse(String path, Map<String, String> parameters) {
        var response = ResponseEntity.ok();
        next.ifPresent(cursor -> {
            StringBuilder link = new StringBuilder(path).append('?');
            new TreeMap<>(parameters)
                    .forEach((name, value) -> link.append(encode(name))
                            .append('=')
                            .append(encode(value))
                            .append('&'));
            link.append("limit=").append(limit).append("&cursor=").append(cursor.encode());
            response.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
        });
        return response.body(items);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
