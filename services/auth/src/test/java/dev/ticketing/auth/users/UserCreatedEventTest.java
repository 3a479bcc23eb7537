package dev.ticketing.auth.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.test.ClassInfrastructure;
import dev.ticketing.platform.test.Http;
import dev.ticketing.platform.test.Poll;
import dev.ticketing.platform.test.ServiceTest;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class UserCreatedEventTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signupPublishesUserCreated(ClassInfrastructure infra) throws Exception {
        String email = "event-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (Connection nats = Nats.connect(infra.nats().url())) {
            Subscription subscription = nats.subscribe("USER.created.*");
            nats.flush(Duration.ofSeconds(2));

            Http.Response response = new Http(port)
                    .post("/api/users/signup", null, Http.json("email", email, "password", "password123"));
            assertThat(response.status()).isEqualTo(201);
            String id = response.body().get("id").asString();

            // the event was stored with the user, in the same transaction
            Map<String, Object> row = jdbc.sql(
                            "select subject, aggregate_id from messaging_outbox where aggregate_id = :id")
                    .param("id", id)
                    .query()
                    .singleRow();
            assertThat(row).as("keyed by the user").containsEntry("subject", "USER.created." + id);

            // ... and the relay publishes it to the USERS stream
            Message message = Poll.until(Duration.ofSeconds(15), () -> next(subscription), m -> m != null);
            JsonNode envelope =
                    JsonMapper.builder().build().readTree(new String(message.getData(), StandardCharsets.UTF_8));
            assertThat(envelope.get("type").asString()).isEqualTo("USER.created");
            assertThat(envelope.get("aggregateId").asString()).isEqualTo(id);
            assertThat(envelope.get("data").get("id").asString()).isEqualTo(id);
            assertThat(envelope.get("data").get("email").asString()).isEqualTo(email);
            assertThat(message.getHeaders().getFirst("Nats-Msg-Id"))
                    .isEqualTo(envelope.get("eventId").asString());

            Poll.until(
                    Duration.ofSeconds(5),
                    () -> jdbc.sql("select published_at is not null from messaging_outbox where aggregate_id = :id")
                            .param("id", id)
                            .query(Boolean.class)
                            .single(),
                    Boolean::booleanValue);
        }
    }

    private static Message next(Subscription subscription) {
        try {
            return subscription.nextMessage(Duration.ofMillis(200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
