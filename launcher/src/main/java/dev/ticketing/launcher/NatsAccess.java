package dev.ticketing.launcher;

import dev.ticketing.contracts.Events;
import dev.ticketing.contracts.Stream;
import dev.ticketing.platform.embedded.NatsUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what on the embedded nats-server: each service publishes only the subjects of its own stream and
 * reads only the streams it consumes; JetStream's API is open to it only for those streams (and deleting a consumer
 * only for the durable consumers named after it), and replies reach it
 * on an inbox prefix of its own, so it cannot read another service's replies. The operator's tools (and the
 * system tests) use {@code admin}. Anonymous clients are refused.
 */
final class NatsAccess {

    static final String ADMIN = "admin";

    /** The streams each service consumes (docs/asyncapi.yaml: its receive operations). */
    static final Map<String, List<Stream>> CONSUMES = Map.of(
            "auth", List.of(),
            "tickets", List.of(Stream.ORDERS),
            "orders", List.of(Stream.TICKETS, Stream.PAYMENTS, Stream.EXPIRATION),
            "payments", List.of(Stream.USERS, Stream.ORDERS),
            "expiration", List.of(Stream.ORDERS));

    private NatsAccess() {}

    /** The inbox prefix a service's client must use (its permissions allow no other). */
    static String inboxPrefix(String service) {
        return "_INBOX_" + service;
    }

    /** The NATS user of a service that uses messaging; empty for one that does not (the web edge). */
    static Optional<NatsUser> user(String service, String password) {
        List<Stream> consumes = CONSUMES.get(service);
        if (consumes == null) {
            return Optional.empty();
        }
        var publish = new ArrayList<String>();
        publish.add("$JS.API.INFO");
        for (Stream stream : Stream.values()) {
            boolean own = stream.publisher().equals(service);
            if (own) {
                publish.add(stream.subjects());
            }
            if (own || consumes.contains(stream)) {
                // the services create the streams they use at start-up, idempotently
                publish.addAll(List.of(
                        "$JS.API.STREAM.INFO." + stream.name(),
                        "$JS.API.STREAM.CREATE." + stream.name(),
                        "$JS.API.STREAM.UPDATE." + stream.name()));
            }
            if (consumes.contains(stream)) {
                String name = stream.name();
                publish.addAll(List.of(
                        "$JS.API.CONSUMER.CREATE." + name,
                        "$JS.API.CONSUMER.CREATE." + name + ".>",
                        "$JS.API.CONSUMER.DURABLE.CREATE." + name + ".>",
                        "$JS.API.CONSUMER.INFO." + name + ".>",
                        "$JS.API.CONSUMER.MSG.NEXT." + name + ".>",
                        "$JS.API.STREAM.MSG.GET." + name,
                        // the last message by subject as a direct get (docs/decisions/0080)
                        "$JS.API.DIRECT.GET." + name + ".>",
                        "$JS.ACK." + name + ".>"));
                publish.addAll(ownDurableDeletes(service, stream));
            }
        }
        return Optional.of(new NatsUser(service, password, publish, List.of(inboxPrefix(service) + ".>")));
    }

    /**
     * Deleting a durable consumer of the stream, only those named after the service ({@code <service>-<token>}):
     * a service retires the consumer of an event type it no longer handles (docs/decisions/0077).
     */
    private static List<String> ownDurableDeletes(String service, Stream stream) {
        return Events.ALL.stream()
                .filter(type -> type.stream() == stream)
                .map(type -> "$JS.API.CONSUMER.DELETE." + stream.name() + "." + service + "-" + type.token())
                .toList();
    }

    static NatsUser admin(String password) {
        return new NatsUser(ADMIN, password, List.of(">"), List.of(">"));
    }
}
