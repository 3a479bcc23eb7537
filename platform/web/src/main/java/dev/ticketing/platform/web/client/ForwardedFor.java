package dev.ticketing.platform.web.client;

import java.util.ArrayList;
import java.util.List;

/** The entries of {@code X-Forwarded-For} header values, oldest (the client's claim) first. */
final class ForwardedFor {

    static final String HEADER = "X-Forwarded-For";

    private ForwardedFor() {}

    /** Several header lines count as one comma-separated list, in the order they came. */
    static List<String> hops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : value.split(",")) {
                String trimmed = hop.trim();
                if (!trimmed.isEmpty()) {
                    hops.add(trimmed);
                }
            }
        }
        return hops;
    }
}
