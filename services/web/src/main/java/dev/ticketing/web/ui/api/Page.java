package dev.ticketing.web.ui.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** One page of a list endpoint and the cursor of the next one, from its {@code Link: <...>; rel="next"}. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");

    public Page {
        items = List.copyOf(items);
    }

    static Optional<String> cursorOf(String linkHeader) {
        if (linkHeader == null) {
            return Optional.empty();
        }
        Matcher next = NEXT.matcher(linkHeader);
        if (!next.find()) {
            return Optional.empty();
        }
        String cursor = UriComponentsBuilder.fromUriString(next.group(1))
                .build(true)
                .getQueryParams()
                .getFirst("cursor");
        return Optional.ofNullable(cursor).map(c -> UriUtils.decode(c, StandardCharsets.UTF_8));
    }
}
