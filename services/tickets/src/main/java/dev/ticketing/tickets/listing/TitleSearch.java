package dev.ticketing.tickets.listing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /api/tickets?q=}: a listing matches when its title contains every word of {@code q} (words are
 * separated by whitespace), in any case and anywhere in the title, so {@code "rock fest"} finds
 * {@code "Summer Rockfest 2027"}. A blank or absent {@code q} matches every listing.
 */
record TitleSearch(List<String> words) {

    static final int MAX_LENGTH = 200;
    static final String TOO_LONG = "q must be at most 200 characters";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    TitleSearch {
        words = List.copyOf(words);
    }

    static TitleSearch of(String q) {
        if (q == null || q.isBlank()) {
            return new TitleSearch(List.of());
        }
        // ILIKE ignores case, so "Rock rock" is one word
        Set<String> words = new LinkedHashSet<>();
        for (String word : WHITESPACE.split(q.strip())) {
            words.add(word.toLowerCase(Locale.ROOT));
        }
        return new TitleSearch(List.copyOf(words));
    }

    boolean all() {
        return words.isEmpty();
    }

    /** One {@code ILIKE} pattern per word: the word anywhere, its {@code %}, {@code _} and {@code \} taken literally. */
    List<String> patterns() {
        return words.stream()
                .map(word ->
                        "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .toList();
    }

    /** The query parameters that keep the next page's link on the same search. */
    Map<String, String> linkParameters() {
        return all() ? Map.of() : Map.of("q", String.join(" ", words));
    }
}
