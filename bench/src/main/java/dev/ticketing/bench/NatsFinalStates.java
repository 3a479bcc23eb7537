package dev.ticketing.bench;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Final states from the events themselves: a core NATS subscription (as the {@code admin} user) on the subjects
 * of {@link OrderSubjects}. It costs the system one more delivery per event and no request, unlike polling.
 * The order id is the envelope's {@code aggregateId}. The time taken is when the event reached the bench, i.e.
 * after orders committed the final state and its relay published it.
 */
final class NatsFinalStates implements FinalStates {

    private final Connection connection;
    private final Map<String, CompletableFuture<Final>> pending = new ConcurrentHashMap<>();

    private NatsFinalStates(Connection connection) {
        this.connection = connection;
        Dispatcher dispatcher = connection.createDispatcher(this::onMessage);
        OrderSubjects.FINAL_PATTERNS.forEach(dispatcher::subscribe);
    }

    static NatsFinalStates connect(StackInfo stack) throws IOException, InterruptedException {
        Options options = new Options.Builder()
                .server(stack.natsUrl())
                .userInfo("admin", stack.natsPassword())
                .connectionName("bench")
                .connectionTimeout(Duration.ofSeconds(3))
                .build();
        var states = new NatsFinalStates(Nats.connect(options));
        try {
            states.connection.flush(Duration.ofSeconds(3)); // the subscriptions are registered before any purchase
        } catch (TimeoutException e) {
            states.close();
            throw new IOException("NATS did not confirm the subscriptions within 3 s", e);
        }
        return states;
    }

    private void onMessage(Message message) {
        long at = System.nanoTime();
        JsonNode envelope;
        try {
            envelope = Json.MAPPER.readTree(message.getData());
        } catch (RuntimeException notAnEnvelope) {
            return;
        }
        CompletableFuture<Final> waiting =
                pending.remove(envelope.path("aggregateId").asString(""));
        if (waiting != null) {
            String outcome = OrderSubjects.isCompletion(message.getSubject())
                    ? "SUCCESS"
                    : envelope.path("data").path("outcome").asString("CANCELLED");
            waiting.complete(new Final(outcome, at));
        }
    }

    @Override
    public Waiting expect(String orderId, String buyerToken) {
        var future = new CompletableFuture<Final>();
        pending.put(orderId, future);
        return timeout -> {
            try {
                return Optional.of(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                pending.remove(orderId);
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.remove(orderId);
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Override
    public String source() {
        return "nats (core subscription to " + String.join(", ", OrderSubjects.FINAL_PATTERNS) + "; nats-server "
                + connection.getServerInfo().getVersion() + ")";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
