package dev.ticketing.orders.pagination;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/** One page of items and, when more follow, the cursor of the next page. */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    /** Cuts the {@code limit + 1} fetched rows to a page; the extra row only proves that a next page exists. */
    public static <T> Page<T> of(List<T> fetched, PageRequest request, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(List.copyOf(fetched), Optional.empty());
        }
        List<T> items = List.copyOf(fetched.subList(0, request.limit()));
        return new Page<>(items, Optional.of(cursorOf.apply(items.getLast())));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }

    /** The JSON array, with a path-absolute {@code Link: <...>; rel="next"} when another page follows. */
    public ResponseEntity<List<T>> toResponse(String path, PageRequest request) {
        var response = ResponseEntity.ok();
        next.ifPresent(cursor -> {
            String link = UriComponentsBuilder.fromPath(path)
                    .queryParam("limit", request.limit())
                    .queryParam("cursor", cursor.encode())
                    .build().toUriString();
            response.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
        });
        return response.body(items);
    }
}
