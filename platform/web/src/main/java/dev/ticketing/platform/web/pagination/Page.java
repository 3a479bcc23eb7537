package dev.ticketing.platform.web.pagination;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

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
        var response = ResponseEntity.ok();
        next.ifPresent(cursor -> {
            String link = UriComponentsBuilder.fromPath(path)
                    .queryParam("limit", limit)
                    .queryParam("cursor", cursor.encode())
                    .build().toUriString();
            response.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
        });
        return response.body(items);
    }
}
