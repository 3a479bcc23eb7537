package dev.ticketing.platform.embedded;

import java.util.List;

/**
 * A user of nats-server and what it may do: publish to {@code publish} and subscribe to {@code subscribe}
 * (NATS subject patterns); everything else is denied. Once a server has users, anonymous clients are refused.
 */
public record NatsUser(String name, String password, List<String> publish, List<String> subscribe) {

    public NatsUser {
        requireSafe(name);
        requireSafe(password);
        publish = List.copyOf(publish);
        subscribe = List.copyOf(subscribe);
        publish.forEach(NatsUser::requireSafe);
        subscribe.forEach(NatsUser::requireSafe);
    }

    /** Everything goes in double quotes in the configuration file: no quote or backslash may appear. */
    private static void requireSafe(String value) {
        if (value == null || value.isEmpty() || !value.matches("[A-Za-z0-9_.>*$\\-]+")) {
            throw new IllegalArgumentException("Not a plain NATS name, subject or generated password: " + value);
        }
    }

    String configText() {
        return "    { user: \"" + name + "\", password: \"" + password + "\", permissions: {\n"
                + "        publish: { allow: " + list(publish) + " }\n"
                + "        subscribe: { allow: " + list(subscribe) + " } } }\n";
    }

    private static String list(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }
}
